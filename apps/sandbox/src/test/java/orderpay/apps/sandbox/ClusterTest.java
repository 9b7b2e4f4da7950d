package orderpay.apps.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import orderpay.apps.sandbox.cluster.Cluster;
import orderpay.apps.sandbox.cluster.ClusterOptions;
import orderpay.apps.sandbox.cluster.Signal;
import org.junit.jupiter.api.Test;

/**
 * The deployed shape: every service its own {@code java -jar} process, two replicas of the
 * replicated ones, Kafka in its own JVM. An order is paid through the gateway; a replica killed
 * with SIGKILL comes back under a new pid and orders are still paid; closing leaves no process.
 */
class ClusterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void runsEveryServiceAsItsOwnProcessAndRestartsAKilledReplica() throws Exception {
    Path dataDir = Files.createTempDirectory("orderpay-cluster");
    Set<Long> everyPid = new HashSet<>();
    var options =
        ClusterOptions.throwAway(
            ClusterOptions.findRoot(),
            dataDir,
            2,
            Map.of(
                "ORDERPAY_ADMIN_EMAIL", "admin@orderpay.test",
                "ORDERPAY_ADMIN_PASSWORD", "admin-password-e2e"));
    try (var cluster = Cluster.start(options)) {
      JsonNode listed = clusterFile(cluster);
      for (String service : Cluster.BACKENDS) {
        int expected = Cluster.REPLICATED.contains(service) ? 2 : 1;
        assertThat(entries(listed, service)).as(service).hasSize(expected);
      }
      assertThat(entries(listed, "gateway")).hasSize(1);
      assertThat(entries(listed, "kafka")).hasSize(1);
      assertThat(entries(listed, "postgres")).hasSize(1);
      for (JsonNode entry : listed) {
        long pid = entry.get("pid").asLong();
        assertThat(ProcessHandle.of(pid)).as("%s", entry).hasValueSatisfying(h -> h.isAlive());
        everyPid.add(pid);
      }
      long launcher = ProcessHandle.current().pid();
      everyPid.remove(launcher); // the emulator and the mail catcher live in this JVM
      assertThat(entries(listed, "order").stream().map(e -> e.get("pid").asLong()).distinct())
          .as("each order replica is a process of its own")
          .hasSize(2);

      var shop = new Shop(new GatewayClient(cluster.gatewayUrl()));
      String customer = shop.customer();
      String product = shop.product(1500, 10);
      var first = shop.order(customer, product, 1, "pm_card_visa", null);
      assertThat(first.status()).as("%s", first.body()).isEqualTo(201);
      assertThat(first.body().get("status").asText()).isEqualTo("PAID");

      long killed = pidOf(clusterFile(cluster), "order", 1);
      cluster.kill("order", 1, Signal.KILL);
      Shop.await(
          () -> {
            JsonNode entry = entries(clusterFile(cluster), "order").get(0);
            return entry.hasNonNull("pid")
                && entry.get("pid").asLong() != killed
                && entry.get("restarts").asInt() == 1;
          },
          "order#1 to be restarted under a new pid");
      assertThat(ProcessHandle.of(killed).filter(ProcessHandle::isAlive)).isEmpty();
      everyPid.add(pidOf(clusterFile(cluster), "order", 1));

      // the other replica serves meanwhile; then both again
      var during = shop.order(customer, product, 1, "pm_card_visa", null);
      assertThat(during.body().get("status").asText()).as("%s", during.body()).isEqualTo("PAID");
      cluster.awaitHealthy(Duration.ofSeconds(90));
      for (int i = 0; i < 2; i++) {
        var after = shop.order(customer, product, 1, "pm_card_visa", null);
        assertThat(after.body().get("status").asText()).as("%s", after.body()).isEqualTo("PAID");
      }
      Shop.await(() -> shop.stock(product).get("on_hand").asLong() == 6, "4 units committed");
    }

    for (long pid : everyPid) {
      assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
          .as("pid %d after close", pid)
          .isEmpty();
    }
    assertThat(
            ProcessHandle.current()
                .descendants()
                .filter(h -> h.info().commandLine().orElse("").contains(dataDir.toString())))
        .as("no child process of the cluster is left")
        .isEmpty();
    deleteRecursively(dataDir); // PostgreSQL's and Kafka's files: tens of MiB per run
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private static JsonNode clusterFile(Cluster cluster) {
    try {
      return JSON.readTree(cluster.clusterFile().toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static java.util.List<JsonNode> entries(JsonNode listed, String service) {
    return StreamSupport.stream(listed.spliterator(), false)
        .filter(entry -> entry.get("service").asText().equals(service))
        .toList();
  }

  private static long pidOf(JsonNode listed, String service, int replica) {
    return entries(listed, service).stream()
        .filter(entry -> entry.get("replica").asInt() == replica)
        .findFirst()
        .orElseThrow()
        .get("pid")
        .asLong();
  }
}
