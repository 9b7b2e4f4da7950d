package orderpay.domain.reconciliation;

import java.util.Objects;
import orderpay.domain.inventory.ReservationStatus;

/** Where an order's stock reservation stands in the inventory service. */
public record StockHold(String orderId, ReservationStatus status) {
  public StockHold {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(status, "status");
  }
}
