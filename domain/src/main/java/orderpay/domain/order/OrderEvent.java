package orderpay.domain.order;

import java.time.Instant;
import java.util.List;
import orderpay.domain.money.Money;
import orderpay.domain.shared.DomainEvent;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.UserId;

/**
 * Every transition of an order records exactly one of these. Each is an immutable value taken when
 * it is raised, never the live aggregate: what is published (and what listeners hear after commit)
 * is the order as that transition left it, whatever it does next.
 */
public sealed interface OrderEvent extends DomainEvent {
  /**
   * What every order event tells of its order: what the payloads of {@code order.created} and of
   * each outcome carry, and when the order was recorded (how long its saga took).
   */
  record OrderFacts(OrderId id, UserId userId, OrderStatus status, Money total, Instant createdAt) {
    static OrderFacts of(Order order) {
      return new OrderFacts(
          order.id(), order.userId(), order.status(), order.total(), order.createdAt());
    }
  }

  OrderFacts order();

  @Override
  default String aggregateId() {
    return order().id().toString();
  }

  /** Accepted and announced: its lines and address are what the confirmation tells. */
  record Placed(OrderFacts order, List<OrderLine> lines, String shippingAddress, Instant occurredAt)
      implements OrderEvent {
    public Placed {
      lines = List.copyOf(lines);
    }
  }

  record Paid(OrderFacts order, Instant occurredAt) implements OrderEvent {}

  record Failed(OrderFacts order, String reason, Instant occurredAt) implements OrderEvent {}

  record Cancelled(OrderFacts order, Instant occurredAt) implements OrderEvent {}

  record Refunded(OrderFacts order, Instant occurredAt) implements OrderEvent {}
}
