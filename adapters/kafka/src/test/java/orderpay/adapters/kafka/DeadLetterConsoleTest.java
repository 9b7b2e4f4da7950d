package orderpay.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import orderpay.contracts.events.v1.ProductChanged;
import orderpay.devstack.SharedTestInfrastructure;
import orderpay.devstack.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the operator console sees of the dead-letter topics and how its replays meet the CLI's:
 * records parked by the consumers' own {@link DeadLetterParking}, listed with their headers and
 * payload decoded, put back one at a time in order or all at once, never twice.
 */
class DeadLetterConsoleTest {
  private static KafkaSettings settings;
  private static DeadLetterParking parking;

  @BeforeAll
  static void start() {
    settings =
        new KafkaSettings(
            SharedTestInfrastructure.kafka().bootstrapServers(),
            SharedTestInfrastructure.topicPrefix(DeadLetterConsoleTest.class));
    KafkaTopics.ensureExist(settings, 2);
    parking =
        new DeadLetterParking(
            KafkaTopics.INVENTORY_PRODUCT_EVENTS.group(),
            IdempotentConsumer.kafkaClients(settings, KafkaTopics.INVENTORY_PRODUCT_EVENTS.group()),
            new MessagingMetrics(new SimpleMeterRegistry(), settings),
            new ConsumerProgress());
  }

  @AfterAll
  static void stop() {
    parking.discard();
  }

  /** Parks a record of {@code topic} as a consumer that gave up on it does. */
  private static UUID park(String topic, String key, byte[] payload, String error, int attempts) {
    UUID eventId = UUID.randomUUID();
    var record = new ConsumerRecord<>(settings.topic(topic), 0, 0L, key, payload);
    EventHeaders.put(record.headers(), EventHeaders.EVENT_ID, eventId.toString());
    EventHeaders.put(record.headers(), EventHeaders.EVENT_TYPE, "ProductCreated");
    assertThat(parking.park(record, new IllegalStateException(error), attempts)).isTrue();
    return eventId;
  }

  private static byte[] created(String productId) {
    return ProductChanged.newBuilder()
        .setProductId(productId)
        .setChange(ProductChanged.Change.CHANGE_CREATED)
        .setName("Lamp")
        .setInitialStock(7)
        .build()
        .toByteArray();
  }

  private static DeadLetterListing.Listing list(String topic) {
    return DeadLetterListing.list(settings, Optional.of(topic), 200);
  }

  private static long depth(String topic) {
    return DeadLetterListing.list(settings, Optional.empty(), 200).topics().stream()
        .filter(t -> t.topic().equals(topic))
        .findFirst()
        .orElseThrow()
        .depth();
  }

  @Test
  void aParkedMessageIsListedWithItsHeadersAndItsPayloadAsJson() {
    String topic = KafkaTopics.PRODUCT_CHANGED;
    String productId = UUID.randomUUID().toString();
    UUID eventId = park(topic, productId, created(productId), "stock table locked", 5);
    park(topic, "garbage", "not protobuf at all".getBytes(StandardCharsets.UTF_8), "poison", 1);

    var listing = list(topic);
    assertThat(listing.topics())
        .extracting(DeadLetterListing.TopicDepth::topic)
        .containsExactlyElementsOf(KafkaTopics.EVENTS);
    assertThat(depth(topic)).isEqualTo(2);
    var parked =
        listing.messages().stream()
            .filter(m -> m.eventId().equals(Optional.of(eventId.toString())))
            .findFirst()
            .orElseThrow();
    assertThat(parked.topic()).isEqualTo(topic);
    assertThat(parked.key()).contains(productId);
    assertThat(parked.eventType()).contains("ProductCreated");
    assertThat(parked.error()).contains("stock table locked");
    assertThat(parked.attempts()).hasValue(5);
    assertThat(parked.consumer()).contains(KafkaTopics.INVENTORY_PRODUCT_EVENTS.group());
    assertThat(parked.payloadJson().orElseThrow())
        .contains("\"product_id\":\"" + productId + "\"")
        .contains("\"change\":\"CHANGE_CREATED\"")
        .contains("\"initial_stock\":\"7\"");
    var poison =
        listing.messages().stream().filter(m -> m.key().equals(Optional.of("garbage"))).findFirst();
    assertThat(poison.orElseThrow().payloadJson()).isEmpty();
    assertThat(list(KafkaTopics.ORDER_PAID).messages()).isEmpty();
  }

  @Test
  void oneMessageLeavesInItsTurnAndReplayAllThenTakesOnlyTheRest() {
    String topic = KafkaTopics.ORDER_CANCELLED;
    String key = UUID.randomUUID().toString(); // one key: one partition, in order
    UUID first = park(topic, key, new byte[0], "first", 3);
    UUID second = park(topic, key, new byte[0], "second", 3);
    var waiting = list(topic).messages();
    assertThat(waiting).hasSize(2);
    var oldest = waiting.get(0);
    var next = waiting.get(1);
    assertThat(oldest.eventId()).contains(first.toString());
    assertThat(oldest.replayable()).isTrue();
    assertThat(next.replayable()).isFalse();

    assertThat(DeadLetterReplay.replayOne(settings, topic, next.partition(), next.offset()))
        .isEqualTo(new DeadLetterReplay.SingleReplay.WaitsBehind(oldest.offset()));
    try (var probe = new TopicProbe(settings.bootstrapServers(), settings.topic(topic))) {
      assertThat(DeadLetterReplay.replayOne(settings, topic, oldest.partition(), oldest.offset()))
          .isInstanceOf(DeadLetterReplay.SingleReplay.Replayed.class);
      var back = probe.awaitRecords(rs -> !rs.isEmpty(), Duration.ofSeconds(20));
      assertThat(back)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(EventHeaders.get(r.headers(), EventHeaders.EVENT_ID))
                    .contains(first.toString());
                assertThat(EventHeaders.get(r.headers(), EventHeaders.DLQ_ERROR)).isEmpty();
                assertThat(r.key()).isEqualTo(key);
              });
      assertThat(DeadLetterReplay.replayOne(settings, topic, oldest.partition(), oldest.offset()))
          .isInstanceOf(DeadLetterReplay.SingleReplay.NotParked.class);
      assertThat(list(topic).messages())
          .singleElement()
          .satisfies(m -> assertThat(m.eventId()).contains(second.toString()));
      assertThat(depth(topic)).isEqualTo(1);

      assertThat(DeadLetterReplay.replay(settings, topic)).isEqualTo(1); // the second only
      var both = probe.awaitRecords(rs -> rs.size() >= 2, Duration.ofSeconds(20));
      assertThat(both)
          .extracting(r -> EventHeaders.get(r.headers(), EventHeaders.EVENT_ID).orElseThrow())
          .containsExactly(first.toString(), second.toString());
      assertThat(depth(topic)).isZero();
      assertThat(DeadLetterReplay.replay(settings, topic)).isZero();
      assertThat(probe.recordsWithin(Duration.ofSeconds(1))).hasSize(2);
    }
  }

  @Test
  void aReplayStartedMeanwhileTakesOverAndTheFirstPutsNothingBack() throws Exception {
    String topic = KafkaTopics.ORDER_REFUNDED;
    park(topic, "k", new byte[0], "refund failed", 2);
    try (var first = ReplaySession.open(settings, topic);
        var probe = new TopicProbe(settings.bootstrapServers(), settings.topic(topic))) {
      var partitions = first.partitions();
      first.seekToUnreplayed(partitions);
      var records = first.poll(partitions);
      assertThat(records.count()).isEqualTo(1);
      assertThat(DeadLetterReplay.replay(settings, topic)).isEqualTo(1); // took over
      var record = records.iterator().next();
      var part = new TopicPartition(record.topic(), record.partition());
      assertThatThrownBy(() -> first.putBack(List.of(record), Map.of(part, record.offset() + 1)))
          .isInstanceOf(DeadLetterReplay.TakenOver.class);
      assertThat(probe.recordsWithin(Duration.ofSeconds(2))).hasSize(1);
    }
    assertThat(depth(topic)).isZero();
  }

  @Test
  void everyEventTopicHasAPayloadTypeToShow() {
    assertThat(EventPayloads.TYPES.keySet())
        .containsExactlyInAnyOrderElementsOf(KafkaTopics.EVENTS);
    assertThat(EventPayloads.json("no.such-topic", new byte[0])).isEmpty();
  }
}
