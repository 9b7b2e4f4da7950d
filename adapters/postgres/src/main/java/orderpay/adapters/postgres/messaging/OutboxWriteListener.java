package orderpay.adapters.postgres.messaging;

import java.util.UUID;
import orderpay.domain.shared.DomainEvent;

/**
 * Told of each event as it is written to the outbox, inside the transaction that writes it: what it
 * writes itself commits or rolls back with the event. {@code topic} is without the deployment's
 * prefix.
 */
@FunctionalInterface
public interface OutboxWriteListener {
  void written(DomainEvent event, UUID eventId, String topic, String eventType);
}
