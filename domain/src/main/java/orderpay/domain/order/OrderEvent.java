package orderpay.domain.order;

import java.time.Instant;
import orderpay.domain.shared.DomainEvent;

/** Every transition of an order records exactly one of these. */
public sealed interface OrderEvent extends DomainEvent {
  Order order();

  @Override
  default String aggregateId() {
    return order().id().toString();
  }

  record Placed(Order order, Instant occurredAt) implements OrderEvent {}

  record Paid(Order order, Instant occurredAt) implements OrderEvent {}

  record Failed(Order order, String reason, Instant occurredAt) implements OrderEvent {}

  record Cancelled(Order order, Instant occurredAt) implements OrderEvent {}

  record Refunded(Order order, Instant occurredAt) implements OrderEvent {}
}
