package orderpay.apps.sandbox;

import java.util.UUID;
import orderpay.adapters.kafka.EventHeaders;
import orderpay.adapters.kafka.KafkaOutboxRelay;
import orderpay.adapters.kafka.KafkaSettings;
import orderpay.adapters.kafka.KafkaTopics;
import orderpay.devstack.SharedTestInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Writes records into a running system's topics as its producers do: events with their envelope
 * headers, and dead letters with the {@code dlq_*} headers a consumer's parking adds.
 */
final class DeadLetterDrops implements AutoCloseable {
  /** A record as written, with the event id it carries. */
  record Dropped(UUID eventId, int partition, long offset) {}

  private final KafkaSettings settings;
  private final KafkaProducer<String, byte[]> producer;

  DeadLetterDrops(RunningSandbox system) {
    settings =
        new KafkaSettings(
            SharedTestInfrastructure.kafka().bootstrapServers(),
            system.sandbox.environment().get("KAFKA_TOPIC_PREFIX", ""));
    producer =
        new KafkaProducer<>(KafkaOutboxRelay.producerProperties(settings, "test-dead-letters"));
  }

  String topic(String name) {
    return settings.topic(name);
  }

  String bootstrapServers() {
    return settings.bootstrapServers();
  }

  /** An event on {@code topic}, for its consumers to handle (or to give up on). */
  Dropped publish(String topic, String key, String eventType, byte[] payload) {
    return send(new ProducerRecord<>(settings.topic(topic), key, payload), eventType);
  }

  /**
   * A message parked in {@code <topic>.dlq} after {@code attempts}, as the consumer {@code
   * consumer} parks one (DeadLetterParking): the event's headers plus error, attempts and source.
   */
  Dropped park(
      String topic,
      String key,
      String eventType,
      byte[] payload,
      String error,
      int attempts,
      String consumer) {
    var record = new ProducerRecord<>(settings.topic(topic) + ".dlq", key, payload);
    EventHeaders.put(record.headers(), EventHeaders.DLQ_ERROR, error);
    EventHeaders.put(record.headers(), EventHeaders.DLQ_ATTEMPTS, Integer.toString(attempts));
    EventHeaders.put(record.headers(), EventHeaders.DLQ_SOURCE, consumer);
    return send(record, eventType);
  }

  /**
   * A product's creation that inventory gave up on ({@code attempts} times {@code error}): parked
   * as inventory's consumer parks it, so that a replay creates the product's stock.
   */
  Dropped parkProductCreation(
      String productId, String name, long initialStock, String error, int attempts) {
    var created =
        orderpay.contracts.events.v1.ProductChanged.newBuilder()
            .setProductId(productId)
            .setChange(orderpay.contracts.events.v1.ProductChanged.Change.CHANGE_CREATED)
            .setName(name)
            .setInitialStock(initialStock)
            .build();
    return park(
        KafkaTopics.PRODUCT_CHANGED,
        productId,
        "ProductCreated",
        created.toByteArray(),
        error,
        attempts,
        KafkaTopics.INVENTORY_PRODUCT_EVENTS.group());
  }

  private Dropped send(ProducerRecord<String, byte[]> record, String eventType) {
    UUID eventId = UUID.randomUUID();
    EventHeaders.put(record.headers(), EventHeaders.EVENT_ID, eventId.toString());
    EventHeaders.put(record.headers(), EventHeaders.EVENT_TYPE, eventType);
    EventHeaders.put(record.headers(), EventHeaders.SCHEMA_VERSION, "1");
    try {
      RecordMetadata written = producer.send(record).get();
      return new Dropped(eventId, written.partition(), written.offset());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("could not write to " + record.topic(), e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
