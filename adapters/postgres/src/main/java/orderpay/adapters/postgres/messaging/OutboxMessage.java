package orderpay.adapters.postgres.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * One event on its way to Kafka: serialized payload plus the envelope carried in headers; {@code
 * traceParent} is the W3C trace context of the work that raised it (null if none).
 */
public record OutboxMessage(
    long sequence,
    UUID eventId,
    String topic,
    String key,
    String eventType,
    byte[] payload,
    String traceParent,
    Instant occurredAt) {}
