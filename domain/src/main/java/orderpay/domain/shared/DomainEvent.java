package orderpay.domain.shared;

import java.time.Instant;

/**
 * Something that happened to an aggregate; published through the outbox of the same transaction.
 */
public interface DomainEvent {
  /** Kafka key: keeps one aggregate's events in order. */
  String aggregateId();

  Instant occurredAt();
}
