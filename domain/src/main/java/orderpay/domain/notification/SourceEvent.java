package orderpay.domain.notification;

/** The event a message was made for, kept so that an undeliverable one can be parked for replay. */
public record SourceEvent(String eventId, String topic, String key, String type, byte[] payload) {}
