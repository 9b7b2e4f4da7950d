package orderpay.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import orderpay.runtime.Env;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {
  @Test
  void theStallThresholdDefaultsToAMinuteAndIsReadFromTheEnvironment() {
    assertThat(KafkaSettings.fromEnv(new Env(Map.of())).consumerStallThreshold())
        .isEqualTo(Duration.ofSeconds(60));
    assertThat(
            KafkaSettings.fromEnv(new Env(Map.of("CONSUMER_STALL_THRESHOLD", "90s")))
                .consumerStallThreshold())
        .isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void aThresholdShorterThanTwoPollsIsRefusedAtStartUp() {
    assertThatThrownBy(
            () -> KafkaSettings.fromEnv(new Env(Map.of("CONSUMER_STALL_THRESHOLD", "200ms"))))
        .hasMessageContaining("CONSUMER_STALL_THRESHOLD");
  }
}
