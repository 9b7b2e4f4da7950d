package orderpay.domain.shared;

/** Records an event in the current transaction's outbox; it reaches Kafka only if that commits. */
public interface EventPublisher {
  void publish(DomainEvent event);
}
