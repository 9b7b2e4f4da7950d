package orderpay.domain.inventory;

import java.time.Instant;
import orderpay.domain.order.OrderId;
import orderpay.domain.shared.DomainEvent;

public record ReservationExpired(OrderId orderId, Instant occurredAt) implements DomainEvent {
  @Override
  public String aggregateId() {
    return orderId.toString();
  }
}
