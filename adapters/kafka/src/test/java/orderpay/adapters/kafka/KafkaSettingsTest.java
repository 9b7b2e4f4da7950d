package orderpay.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import orderpay.runtime.Env;
import org.apache.kafka.clients.consumer.ConsumerConfig;
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

  @Test
  void aFetchReturnsWithTheFirstRecordUnlessAWaitIsSet() {
    var byDefault = KafkaSettings.fromEnv(new Env(Map.of()));
    assertThat(byDefault.consumerFetchWait()).isZero();
    assertThat(IdempotentConsumer.consumerProperties(byDefault, "g"))
        .doesNotContainKeys(
            ConsumerConfig.FETCH_MIN_BYTES_CONFIG, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG);

    var gathering = KafkaSettings.fromEnv(new Env(Map.of("KAFKA_CONSUMER_FETCH_WAIT", "10ms")));
    assertThat(gathering.consumerFetchWait()).isEqualTo(Duration.ofMillis(10));
    assertThat(IdempotentConsumer.consumerProperties(gathering, "g"))
        .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10)
        .containsEntry(
            ConsumerConfig.FETCH_MIN_BYTES_CONFIG, IdempotentConsumer.GATHERING_FETCH_MIN_BYTES);
    assertThat(gathering.withConsumerStallThreshold(Duration.ofSeconds(5)).consumerFetchWait())
        .isEqualTo(Duration.ofMillis(10));
  }

  @Test
  void aFetchWaitPastTheBoundIsRefusedAtStartUp() {
    assertThatThrownBy(
            () -> KafkaSettings.fromEnv(new Env(Map.of("KAFKA_CONSUMER_FETCH_WAIT", "1s"))))
        .hasMessageContaining("KAFKA_CONSUMER_FETCH_WAIT");
  }
}
