package orderpay.apps.sandbox.cluster;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import orderpay.apps.sandbox.CommandLine;
import orderpay.runtime.Env;
import orderpay.runtime.Lifecycle;

/**
 * {@code ./orderpay cluster [--fresh] [--replicas N]}: the deployed shape on this machine, every
 * service a process of its own, supervised, until Ctrl-C.
 */
public final class ClusterMain {
  private ClusterMain() {}

  public static void main(String[] args) throws Exception {
    long started = System.nanoTime();
    ClusterOptions options =
        CommandLine.parseOrExit(() -> ClusterOptions.fromCommandLine(Env.system(), List.of(args)));
    System.out.printf(
        "Starting OrderPay as a cluster: %d replicas of %s, one of the rest (this takes a while on"
            + " a small machine) ...%n",
        options.replicas(), Cluster.REPLICATED.stream().sorted().collect(Collectors.joining(", ")));
    Cluster cluster;
    try {
      cluster = Cluster.start(options);
    } catch (IllegalStateException | IllegalArgumentException refused) {
      System.err.println("The cluster did not start: " + refused.getMessage());
      System.exit(1);
      return;
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    var admin = cluster.adminCredentials();
    var ports = cluster.ports();
    System.out.printf(
        """

        OrderPay cluster is ready in %.1f s: %d processes
          gateway     %s   (try: curl %s/health/ready)
          admin       %s / %s   (ORDERPAY_ADMIN_EMAIL / ORDERPAY_ADMIN_PASSWORD)
          services    %s
          metrics     %s/metrics and, per replica, %s   (GET /metrics)
          postgres    127.0.0.1:%d  user postgres, databases orderpay_<service>
          kafka       %s   (a process of its own)
          stripe      local emulator at %s
          mail        caught by the local SMTP server on 127.0.0.1:%d; every message lands in %s
          processes   %s   (service, replica, pid, ports; kill -9 any pid: it is restarted)
          logs        %s
        Ctrl-C stops everything.
        %n""",
        seconds,
        cluster.processes().size(),
        cluster.gatewayUrl(),
        cluster.gatewayUrl(),
        admin.email(),
        admin.password(),
        Cluster.BACKENDS.stream()
            .map(s -> s + " " + ports.grpc().get(s))
            .collect(Collectors.joining(", ")),
        cluster.gatewayUrl(),
        Cluster.BACKENDS.stream()
            .map(s -> s + " " + metricsPorts(cluster, s))
            .collect(Collectors.joining(", ")),
        ports.postgres(),
        cluster.kafkaBootstrap(),
        cluster.emulatorUrl(),
        ports.smtp(),
        cluster.dataDir().resolve("mail"),
        cluster.clusterFile(),
        cluster.dataDir().resolve("logs"));
    Lifecycle.runUntilShutdown(cluster, "cluster");
  }

  /** A service's replicas' metrics ports, e.g. {@code 9054/9064}. */
  private static String metricsPorts(Cluster cluster, String service) {
    return IntStream.rangeClosed(1, cluster.replicas(service))
        .mapToObj(
            replica ->
                cluster.adminPort(service, replica).map(String::valueOf).orElse("(a free port)"))
        .collect(Collectors.joining("/"));
  }
}
