package orderpay.adapters.postgres.messaging;

import java.time.Instant;
import java.util.UUID;

/** One event on its way to Kafka: serialized payload plus the envelope carried in headers. */
public record OutboxMessage(
    long sequence,
    UUID eventId,
    String topic,
    String key,
    String eventType,
    byte[] payload,
    String traceId,
    Instant occurredAt) {}
