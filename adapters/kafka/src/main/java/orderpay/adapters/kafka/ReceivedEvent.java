package orderpay.adapters.kafka;

import java.util.UUID;

/**
 * An event as a consumer sees it: envelope from the headers, protobuf bytes as payload. {@code
 * topic} is the full Kafka topic, {@code name} the same without the deployment's prefix.
 */
public record ReceivedEvent(
    UUID eventId, String eventType, String topic, String name, String key, byte[] payload) {}
