package orderpay.apps.sandbox.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;
import orderpay.apps.kit.ServiceSettings;
import orderpay.apps.sandbox.cluster.ChildProcess.Launch;
import orderpay.apps.sandbox.cluster.ChildProcess.Slot;

/**
 * How each supervised process of the cluster is launched: its command line (the JVM flags of {@code
 * ./orderpay up}), its port, its environment and its log file. A restart launches the same.
 */
final class ChildProcessFactory {
  private static final String CLUSTER_MARK = "-Dorderpay.cluster=";

  private final ClusterOptions options;
  private final ClusterPorts ports;
  private final BiConsumer<ChildProcess, Process> onExit;

  ChildProcessFactory(
      ClusterOptions options, ClusterPorts ports, BiConsumer<ChildProcess, Process> onExit) {
    this.options = options;
    this.ports = ports;
    this.onExit = onExit;
  }

  /** What every command line of a cluster in {@code dataDir} carries: how to tell it is ours. */
  static String clusterMark(Path dataDir) {
    return CLUSTER_MARK + dataDir;
  }

  ChildProcess kafka() {
    var command =
        javaCommand(
            "256m", "-cp", System.getProperty("java.class.path"), KafkaBrokerMain.class.getName());
    return child(
        new Slot(
            Cluster.KAFKA,
            1,
            ClusterProcess.PortKind.OTHER,
            ports.kafka(),
            "kafka://" + ports.kafkaBootstrap()),
        command,
        Map.of(
            "ORDERPAY_KAFKA_LOG_DIR", options.dataDir().resolve("kafka").toString(),
            "ORDERPAY_KAFKA_PORT", Integer.toString(ports.kafka()),
            "ORDERPAY_KAFKA_CONTROLLER_PORT", Integer.toString(ports.kafkaController())));
  }

  /** Every replica of every backend, in start order, then the gateway. */
  Map<String, List<ChildProcess>> services(Map<String, String> shared) {
    var services = new LinkedHashMap<String, List<ChildProcess>>();
    ports
        .grpc()
        .forEach(
            (service, replicas) ->
                services.put(
                    service,
                    IntStream.rangeClosed(1, replicas.size())
                        .mapToObj(replica -> service(service, replica, shared))
                        .toList()));
    services.put(Cluster.GATEWAY, List.of(gateway(shared)));
    return services;
  }

  private ChildProcess service(String service, int replica, Map<String, String> shared) {
    int port = ports.grpc(service, replica);
    String prefix = service.toUpperCase(Locale.ROOT) + "_";
    var env = new HashMap<>(shared);
    env.put(prefix + "GRPC_HOST", "127.0.0.1");
    env.put(prefix + "GRPC_PORT", Integer.toString(port));
    // free ports: any free admin port (0), never a guess beside a port picked at random
    env.put(prefix + "ADMIN_PORT", Integer.toString(adminPort(service, replica).orElse(0)));
    return child(
        new Slot(service, replica, ClusterProcess.PortKind.GRPC, port, "grpc://127.0.0.1:" + port),
        javaCommand(options.serviceHeap(), "-jar", jar(service + "-service").toString()),
        env);
  }

  private ChildProcess gateway(Map<String, String> shared) {
    return child(
        new Slot(
            Cluster.GATEWAY,
            1,
            ClusterProcess.PortKind.HTTP,
            ports.gateway(),
            ports.gatewayUrl() + "/health/ready"),
        javaCommand(options.serviceHeap(), "-jar", jar("gateway").toString()),
        shared);
  }

  /**
   * Where a backend replica serves {@code GET /metrics}: beside its gRPC port; empty when the
   * cluster picks free ports (then any free one).
   */
  Optional<Integer> adminPort(String service, int replica) {
    return options.freePorts()
        ? Optional.empty()
        : Optional.of(ServiceSettings.defaultAdminPort(ports.grpc(service, replica)));
  }

  private ChildProcess child(Slot slot, List<String> command, Map<String, String> env) {
    var environment = new HashMap<>(options.environment());
    // each process names itself in its traces (kafka, postgres: not traced, harmless)
    environment.put("OTEL_SERVICE_NAME", slot.service());
    environment.putAll(env);
    var launch =
        new Launch(
            command, environment, options.root(), options.logFile(slot.service(), slot.replica()));
    return new ChildProcess(slot, launch, onExit);
  }

  private Path jar(String artifact) {
    Path jar =
        options.root().resolve("apps").resolve(artifact).resolve("target/" + artifact + ".jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build the runnable jars first (./orderpay build)");
    }
    return jar;
  }

  /** The JVM flags of {@code ./orderpay up}, a modest heap, and the JIT and GC of a small box. */
  private List<String> javaCommand(String heap, String... rest) {
    var command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow",
                "-Xmx" + heap,
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:ReservedCodeCacheSize=48m",
                "-XX:+ExitOnOutOfMemoryError",
                // an out-of-memory exit leaves its evidence beside the logs
                "-XX:+HeapDumpOnOutOfMemoryError",
                "-XX:HeapDumpPath=" + options.dataDir().resolve("logs"),
                clusterMark(options.dataDir())));
    command.addAll(List.of(rest));
    return command;
  }
}
