package orderpay.adapters.kafka;

import java.util.UUID;

/** An event as a consumer sees it: envelope from the headers, protobuf bytes as payload. */
public record ReceivedEvent(
    UUID eventId, String eventType, String topic, String key, byte[] payload) {}
