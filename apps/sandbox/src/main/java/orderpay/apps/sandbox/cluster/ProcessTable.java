package orderpay.apps.sandbox.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The supervised processes of the cluster by service and replica: the Kafka broker, then each
 * service's replicas in start order, the gateway last. Filled once while the cluster boots.
 */
final class ProcessTable {
  private final ChildProcess kafka;
  private final Map<String, List<ChildProcess>> services = new LinkedHashMap<>();

  ProcessTable(ChildProcess kafka) {
    this.kafka = kafka;
  }

  ChildProcess kafka() {
    return kafka;
  }

  void add(String service, List<ChildProcess> replicas) {
    services.put(service, List.copyOf(replicas));
  }

  /** How many replicas a service runs. */
  int replicas(String service) {
    return service.equals(Cluster.KAFKA) ? 1 : services.getOrDefault(service, List.of()).size();
  }

  ChildProcess require(String service, int replica) {
    return find(service, replica)
        .orElseThrow(() -> new IllegalArgumentException("no process " + service + "#" + replica));
  }

  private Optional<ChildProcess> find(String service, int replica) {
    if (service.equals(Cluster.KAFKA)) {
      return replica == 1 ? Optional.of(kafka) : Optional.empty();
    }
    var list = services.get(service);
    return list == null || replica < 1 || replica > list.size()
        ? Optional.empty()
        : Optional.of(list.get(replica - 1));
  }

  /** Every replica of every service, the gateway included; not the broker. */
  List<ChildProcess> services() {
    return services.values().stream().flatMap(List::stream).toList();
  }

  List<ChildProcess> replicasOf(String service) {
    return services.getOrDefault(service, List.of());
  }

  /** The gateway first, so no request comes in any more; then every backend replica at once. */
  void stopServices(Duration grace) {
    var gateway = replicasOf(Cluster.GATEWAY);
    gateway.forEach(c -> c.stop(grace));
    var backends = services().stream().filter(c -> !gateway.contains(c)).toList();
    var stopping = backends.stream().map(ChildProcess::requestStop).toList();
    stopping.forEach(p -> ChildProcess.awaitStopped(p, grace));
  }

  /** The broker and every service replica, as {@code cluster.json} lists them. */
  List<ClusterProcess> describe() {
    var all = new ArrayList<ClusterProcess>();
    all.add(kafka.describe());
    services().forEach(child -> all.add(child.describe()));
    return all;
  }
}
