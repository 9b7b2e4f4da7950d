package orderpay.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import orderpay.devstack.SharedTestInfrastructure;
import org.junit.jupiter.api.Test;

class KafkaTopicsTest {

  @Test
  void theCatalogueNamesEachGroupOnceAndOnlyInventorysExpiriesHaveNoReader() {
    assertThat(KafkaTopics.SUBSCRIPTIONS)
        .extracting(KafkaTopics.Subscription::group)
        .doesNotHaveDuplicates()
        .allSatisfy(group -> assertThat(group).endsWith("-events"));
    assertThat(KafkaTopics.EVENTS).doesNotHaveDuplicates();
    var read =
        KafkaTopics.SUBSCRIPTIONS.stream().flatMap(s -> s.topics().stream()).distinct().toList();
    assertThat(KafkaTopics.EVENTS)
        .as("published, never read: the topics no service subscribes to")
        .filteredOn(topic -> !read.contains(topic))
        .containsExactly(KafkaTopics.RESERVATION_EXPIRED);
  }

  @Test
  void aSubscriptionToATopicThatIsNotOursIsRefused() {
    assertThatThrownBy(
            () ->
                new KafkaTopics.Subscription("order-service", "typo-events", List.of("order.payd")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("order.payd");
  }

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
        .containsEntry(settings.topic(KafkaTopics.ORDER_PAID), 2)
        .containsEntry(settings.topic(KafkaTopics.ORDER_PAID) + ".dlq", 2)
        .containsEntry(settings.topic(KafkaTopics.PAYMENT_STATUS_UPDATED), 2);
  }
}
