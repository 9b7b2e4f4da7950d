package orderpay.apps.sandbox.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import orderpay.runtime.Env;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
  private static final Env NO_ENV = new Env(Map.of());

  @Test
  void closedModelWithWholeSeconds() {
    var options =
        BenchOptions.parse(List.of("--clients", "64", "--warmup", "60", "--seconds", "30"), NO_ENV);
    assertThat(options.load()).isEqualTo(new BenchOptions.Closed(64));
    assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(60));
    assertThat(options.measure()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.cluster()).isFalse();
    assertThat(options.load().describe()).isEqualTo("mode=closed clients=64");
    assertThat(options.products()).as("one product unless asked").isEqualTo(1);
  }

  @Test
  void ordersSpreadOverSeveralProductsWhenAsked() {
    assertThat(BenchOptions.parse(List.of("--products", "16"), NO_ENV).products()).isEqualTo(16);
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--products", "0"), NO_ENV))
        .hasMessageContaining("--products");
  }

  @Test
  void openModelAgainstTheCluster() {
    var options =
        BenchOptions.parse(List.of("--rate", "250", "--cluster", "--replicas", "1"), NO_ENV);
    assertThat(options.load()).isEqualTo(new BenchOptions.Open(250));
    assertThat(options.cluster()).isTrue();
    assertThat(options.replicas()).isEqualTo(1);
    assertThat(options.load().describe()).isEqualTo("mode=open rate=250");
  }

  @Test
  void aLowRateCanBeMeasuredOnASystemWarmedUpAtFullLoad() {
    var options = BenchOptions.parse(List.of("--rate", "5", "--warmup-clients", "64"), NO_ENV);
    assertThat(options.load()).isEqualTo(new BenchOptions.Open(5));
    assertThat(options.warmupLoad()).isEqualTo(new BenchOptions.Closed(64));
    assertThat(BenchOptions.parse(List.of("--rate", "5"), NO_ENV).warmupLoad())
        .as("by default the warm-up runs the measured load")
        .isEqualTo(new BenchOptions.Open(5));
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--warmup-clients", "0"), NO_ENV))
        .hasMessageContaining("--clients");
  }

  @Test
  void theEnvironmentGivesDefaultsTheFlagsOverride() {
    var env = new Env(Map.of("BENCH_CLIENTS", "8", "BENCH_SECONDS", "5s"));
    assertThat(BenchOptions.parse(List.of(), env).load()).isEqualTo(new BenchOptions.Closed(8));
    assertThat(BenchOptions.parse(List.of(), env).measure()).isEqualTo(Duration.ofSeconds(5));
    assertThat(BenchOptions.parse(List.of("--clients", "3"), env).load())
        .isEqualTo(new BenchOptions.Closed(3));
  }

  @Test
  void refusesWhatItCannotMean() {
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--clients", "4", "--rate", "9"), NO_ENV))
        .hasMessageContaining("exclude each other");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--seconds", "1.5"), NO_ENV))
        .hasMessageContaining("whole number");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--seconds", "0"), NO_ENV))
        .hasMessageContaining("--seconds");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--clients", "0"), NO_ENV))
        .hasMessageContaining("--clients");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--warmup"), NO_ENV))
        .hasMessageContaining("needs a value");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--fast"), NO_ENV))
        .hasMessageContaining("unknown option '--fast'");
  }

  @Test
  void percentilesAreNearestRank() {
    var values = List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);
    assertThat(BenchReport.percentile(values, 50)).isEqualTo(5.0);
    assertThat(BenchReport.percentile(values, 99)).isEqualTo(10.0);
    assertThat(BenchReport.percentile(values, 10)).isEqualTo(1.0);
    assertThat(BenchReport.percentile(List.of(), 50)).isNaN();
  }
}
