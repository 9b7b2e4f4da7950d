package orderpay.apps.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import orderpay.apps.sandbox.chaos.Chaos;
import orderpay.apps.sandbox.cluster.ClusterOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The short fault battery ({@code ./orderpay chaos --runs 1}) with a fixed seed: every scenario
 * once against a fresh cluster under load, and not one invariant broken. Each scenario must have
 * placed orders and injected its fault, or a green row would prove nothing.
 */
class ChaosBatteryTest {
  @Test
  // six to nine minutes on a two-core machine: far beyond the 180 s every other test gets
  @Timeout(value = 25, unit = TimeUnit.MINUTES)
  void everyScenarioOnceBreaksNoInvariant() {
    var outcome =
        Chaos.run(
            new Chaos.Options(ClusterOptions.findRoot(), 20261202L, 1, List.of(), Optional.empty()),
            System.out);

    assertThat(outcome.rows())
        .extracting(Chaos.Row::scenario)
        .containsExactlyElementsOf(Chaos.scenarios().stream().map(Chaos.Scenario::name).toList());
    for (var row : outcome.rows()) {
      assertThat(row.ordersPlaced()).as("orders placed during %s", row.scenario()).isPositive();
      assertThat(row.injected().count()).as("faults injected by %s", row.scenario()).isPositive();
    }
    assertThat(outcome.failed())
        .as(
            "%s%n%s",
            outcome.closing(),
            outcome.rows().stream().filter(row -> !row.passed()).map(Chaos.Row::toString).toList())
        .isZero();
  }
}
