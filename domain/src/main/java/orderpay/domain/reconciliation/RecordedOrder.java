package orderpay.domain.reconciliation;

import java.util.Objects;
import orderpay.domain.money.Money;
import orderpay.domain.order.OrderStatus;

/** An order as the order service holds it: what it should have been charged, and where it is. */
public record RecordedOrder(String id, OrderStatus status, Money total) {
  public RecordedOrder {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(total, "total");
  }
}
