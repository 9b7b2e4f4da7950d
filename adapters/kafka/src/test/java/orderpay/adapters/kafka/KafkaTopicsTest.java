package orderpay.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import orderpay.adapters.embedded.SharedTestInfrastructure;
import org.junit.jupiter.api.Test;

class KafkaTopicsTest {

  @Test
  void everyEventTopicAndItsDeadLetterTopicAreCreatedOnceAndAgainIsHarmless() throws Exception {
    var settings =
        new KafkaSettings(
            SharedTestInfrastructure.kafka().bootstrapServers(),
            SharedTestInfrastructure.topicPrefix(KafkaTopicsTest.class));

    KafkaTopics.ensureExist(settings, 2);
    KafkaTopics.ensureExist(settings, 2); // a restart finds them there

    var partitions = KafkaTopics.partitionsOf(settings);
    assertThat(partitions).hasSize(2 * KafkaTopics.EVENTS.size());
    assertThat(partitions)
        .containsEntry(settings.topic("order.paid"), 2)
        .containsEntry(settings.topic("order.paid") + ".dlq", 2)
        .containsEntry(settings.topic("payment.status-updated"), 2);
  }
}
