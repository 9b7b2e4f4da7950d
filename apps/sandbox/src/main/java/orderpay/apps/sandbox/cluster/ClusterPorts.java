package orderpay.apps.sandbox.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import orderpay.apps.sandbox.SandboxSettings;
import orderpay.devstack.FreePorts;
import orderpay.runtime.Env;

/**
 * Every port of the cluster, fixed for its whole life so a restarted process comes back where its
 * clients look for it. Replica {@code r} of a service listens on the service's port + 10 * (r - 1).
 */
public record ClusterPorts(
    int postgres,
    int kafka,
    int kafkaController,
    int smtp,
    int stripeEmulator,
    int gateway,
    Map<String, List<Integer>> grpc) {
  static final int REPLICA_STRIDE = 10;

  public int grpc(String service, int replica) {
    return grpc.get(service).get(replica - 1);
  }

  public String gatewayUrl() {
    return "http://127.0.0.1:" + gateway;
  }

  public String kafkaBootstrap() {
    return "127.0.0.1:" + kafka;
  }

  /** The defaults of {@code ./orderpay up} (and its environment variables), plus replicas. */
  static ClusterPorts fromEnv(Env env, Map<String, Integer> replicas) {
    var base = SandboxSettings.fromEnv(env);
    var firstPorts = base.grpcPorts();
    var grpc = new LinkedHashMap<String, List<Integer>>();
    replicas.forEach(
        (service, count) -> {
          var ports = new ArrayList<Integer>();
          for (int replica = 1; replica <= count; replica++) {
            ports.add(firstPorts.get(service) + REPLICA_STRIDE * (replica - 1));
          }
          grpc.put(service, List.copyOf(ports));
        });
    return new ClusterPorts(
        base.postgresPort(),
        base.kafkaPort(),
        env.integer("ORDERPAY_KAFKA_CONTROLLER_PORT", base.kafkaPort() + 1),
        base.smtpPort(),
        base.stripeEmulatorPort(),
        base.gatewayPort(),
        grpc);
  }

  /** Every port picked freely: tests and throw-away clusters that must not clash. */
  static ClusterPorts free(Map<String, Integer> replicas) {
    var grpc = new LinkedHashMap<String, List<Integer>>();
    replicas.forEach(
        (service, count) -> {
          var ports = new ArrayList<Integer>();
          for (int replica = 1; replica <= count; replica++) {
            ports.add(FreePorts.next());
          }
          grpc.put(service, List.copyOf(ports));
        });
    return new ClusterPorts(
        FreePorts.next(),
        FreePorts.next(),
        FreePorts.next(),
        FreePorts.next(),
        FreePorts.next(),
        FreePorts.next(),
        grpc);
  }
}
