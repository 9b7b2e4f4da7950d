package orderpay.adapters.postgres.messaging;

import orderpay.domain.shared.DomainEvent;

/** Maps a service's domain events to their wire form (topic, type, protobuf bytes). */
public interface EventSerializer {
  record Serialized(String topic, String eventType, byte[] payload) {}

  Serialized serialize(DomainEvent event);
}
