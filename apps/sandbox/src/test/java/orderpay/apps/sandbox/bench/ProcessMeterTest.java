package orderpay.apps.sandbox.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import orderpay.apps.sandbox.bench.ProcessMeter.CpuSnapshot;
import org.junit.jupiter.api.Test;

class ProcessMeterTest {
  private static final long JVM = 100;
  private static final long JVM_CHILD = 101;
  private static final long POSTMASTER = 200;
  private static final long BACKEND = 201;
  private static final Map<Long, String> LABELS =
      Map.of(
          JVM, "sandbox+load",
          JVM_CHILD, "sandbox+load",
          POSTMASTER, "postgres",
          BACKEND, "postgres");

  // ticks of 10 ms: the JVM spends 500 ms, its child 100 ms, postgres 300 + 200 ms
  private static final CpuSnapshot START =
      new CpuSnapshot(Map.of(JVM, 1_000L, JVM_CHILD, 5L, POSTMASTER, 40L, BACKEND, 7L), LABELS);
  private static final CpuSnapshot END =
      new CpuSnapshot(Map.of(JVM, 1_050L, JVM_CHILD, 15L, POSTMASTER, 70L, BACKEND, 27L), LABELS);

  @Test
  void theInstrumentsOwnCpuIsLeftOutOfItsJvmsLabelOnly() {
    var byLabel = END.byLabelSince(START, JVM, 120);
    assertThat(byLabel).containsOnlyKeys("sandbox+load", "postgres");
    assertThat(byLabel.get("sandbox+load")).isCloseTo(600 - 120, within(1e-9));
    assertThat(byLabel.get("postgres")).isCloseTo(500, within(1e-9));
    assertThat(END.millisSince(START, JVM, 120)).isCloseTo(1_100 - 120, within(1e-9));
  }

  @Test
  void nothingLeftOutGivesWhatEveryProcessSpent() {
    assertThat(END.byLabelSince(START, JVM, 0)).isEqualTo(END.byLabelSince(START));
    assertThat(END.millisSince(START, JVM, 0)).isCloseTo(1_100, within(1e-9));
  }

  @Test
  void theJvmsShareNeverGoesBelowZero() {
    // the process counts whole ticks, the thread nanoseconds: on an idle JVM they may cross
    var before = new CpuSnapshot(Map.of(JVM, 1_000L, POSTMASTER, 40L), LABELS);
    var after = new CpuSnapshot(Map.of(JVM, 1_001L, POSTMASTER, 42L), LABELS);
    assertThat(after.byLabelSince(before, JVM, 13))
        .containsEntry("sandbox+load", 0.0)
        .containsEntry("postgres", 20.0);
  }

  @Test
  void leavingOutTheCpuOfAProcessNotMeasuredIsAnError() {
    assertThatThrownBy(() -> END.byLabelSince(START, 999, 120))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("999");
  }

  @Test
  void thePostmasterIsFoundOnceAndAgainOnlyWhenItIsGone() throws Exception {
    assumeThat(ProcessMeter.available()).as("a Linux /proc").isTrue();
    // no real server listens on a port above 65535: only our stand-ins can match
    int port = 70_000 + (int) (ProcessHandle.current().pid() % 20_000);
    var meter = new ProcessMeter(Map.of(), port);
    Process first = standIn(port);
    Process second = null;
    try {
      assertThat(meter.processes()).containsEntry(first.pid(), "postgres");
      assertThat(meter.postmasterSearches()).isEqualTo(1);

      second = standIn(port);
      meter.processes();
      meter.pssMib();
      meter.cpu();
      assertThat(meter.processes()).containsEntry(first.pid(), "postgres");
      assertThat(meter.postmasterSearches()).as("remembered, not searched again").isEqualTo(1);

      stop(first);
      var labels = meter.processes();
      assertThat(labels).containsEntry(second.pid(), "postgres").doesNotContainKey(first.pid());
      assertThat(meter.postmasterSearches()).as("searched again once it was gone").isEqualTo(2);
      meter.processes();
      assertThat(meter.postmasterSearches()).isEqualTo(2);
    } finally {
      stop(first);
      if (second != null) {
        stop(second);
      }
    }
  }

  /** A process whose command line reads like a postmaster's: {@code ... postgres -p <port>}. */
  private static Process standIn(int port) throws Exception {
    // "; :" keeps the shell from exec'ing sleep in its place (which would change the command line)
    return new ProcessBuilder("sh", "-c", "sleep 60; :", "postgres", "-p", String.valueOf(port))
        .start();
  }

  private static void stop(Process process) throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
  }
}
