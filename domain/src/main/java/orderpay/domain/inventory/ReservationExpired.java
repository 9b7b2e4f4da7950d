package orderpay.domain.inventory;

import java.time.Instant;
import orderpay.domain.shared.DomainEvent;
import orderpay.domain.shared.OrderId;

public record ReservationExpired(OrderId orderId, Instant occurredAt) implements DomainEvent {
  @Override
  public String aggregateId() {
    return orderId.toString();
  }
}
