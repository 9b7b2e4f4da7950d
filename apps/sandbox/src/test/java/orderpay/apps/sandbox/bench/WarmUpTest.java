package orderpay.apps.sandbox.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WarmUpTest {
  @Test
  void aWholeSliceWithLittleCompilingEndsTheWarmUp() {
    assertThat(WarmUp.settled(10_000, 999)).isTrue();
    assertThat(WarmUp.settled(10_000, 1_000)).isFalse();
    assertThat(WarmUp.settled(10_000, 26_000))
        .isFalse(); // two compiler threads: more than the slice
  }

  @Test
  void aSliceCutShortByTheLimitSaysNothing() {
    assertThat(WarmUp.settled(4_000, 0)).isFalse();
  }

  @Test
  void theOutputSaysWhetherTheJitSettled() {
    assertThat(new WarmUp.Result(Duration.ofSeconds(170), 640, 10_000, true).describe())
        .isEqualTo("170 s warm-up, the JIT settled (the JIT compiled 640 ms in its last 10.0 s)");
    assertThat(new WarmUp.Result(Duration.ofSeconds(300), 4_200, 10_000, false).describe())
        .contains("cut at --warmup before the JIT settled");
    assertThat(new WarmUp.Result(Duration.ofSeconds(60), -1, 0, false).describe())
        .isEqualTo("60 s warm-up");
  }

  @Test
  void aLastSliceCutShortSaysHowShortItWas() {
    // stop 23: "2 ms in its last 10 s" was printed for a slice of a fraction of a second
    assertThat(new WarmUp.Result(Duration.ofSeconds(150), 2, 180, false).describe())
        .endsWith("(the JIT compiled 2 ms in its last 0.2 s)");
  }
}
