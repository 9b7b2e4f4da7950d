package orderpay.domain.inventory;

import java.time.Instant;
import java.util.List;
import orderpay.domain.shared.DomainEvent;
import orderpay.domain.shared.OrderId;

/**
 * A paid order's units could not be committed: its hold had ended and the shelf no longer has them
 * (sold to someone else meanwhile). The order service refunds the order and tells the customer.
 */
public record CommitRefused(
    OrderId orderId, List<InsufficientStock.Shortage> shortages, Instant occurredAt)
    implements DomainEvent {
  public CommitRefused {
    shortages = List.copyOf(shortages);
  }

  @Override
  public String aggregateId() {
    return orderId.toString();
  }
}
