package orderpay.adapters.kafka;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A message waiting in {@code <topic>.dlq}, its parking headers decoded. {@code topic} is the event
 * topic without the environment's prefix; error, attempts and consumer are absent when whoever
 * parked it did not say (the notification service parks through its outbox, without them).
 */
public record ParkedMessage(
    String topic,
    int partition,
    long offset,
    Optional<String> eventId,
    Optional<String> eventType,
    Optional<String> key,
    Optional<String> error,
    OptionalInt attempts,
    Instant parkedAt,
    Optional<String> consumer,
    byte[] payload,
    Optional<String> payloadJson,
    boolean replayable) {

  static ParkedMessage of(String topic, ConsumerRecord<String, byte[]> record, boolean oldest) {
    var headers = record.headers();
    byte[] payload = record.value() == null ? new byte[0] : record.value();
    return new ParkedMessage(
        topic,
        record.partition(),
        record.offset(),
        EventHeaders.get(headers, EventHeaders.EVENT_ID),
        EventHeaders.get(headers, EventHeaders.EVENT_TYPE),
        Optional.ofNullable(record.key()),
        EventHeaders.get(headers, EventHeaders.DLQ_ERROR),
        attempts(EventHeaders.get(headers, EventHeaders.DLQ_ATTEMPTS)),
        Instant.ofEpochMilli(record.timestamp()),
        EventHeaders.get(headers, EventHeaders.DLQ_SOURCE),
        payload,
        EventPayloads.json(topic, payload),
        oldest);
  }

  private static OptionalInt attempts(Optional<String> header) {
    try {
      return header
          .map(h -> OptionalInt.of(Integer.parseInt(h.strip())))
          .orElse(OptionalInt.empty());
    } catch (NumberFormatException unreadable) {
      return OptionalInt.empty();
    }
  }
}
