package orderpay.domain.inventory;

import java.util.List;
import orderpay.domain.shared.OrderId;

/**
 * Outbound port of the order service onto the inventory service. Idempotent per order id. Only
 * reserving is synchronous: commit and release follow the order's own events (order.paid,
 * order.failed, ...), which the inventory service consumes exactly once.
 */
public interface StockReservations {
  /** Reserves all lines or throws {@link InsufficientStock}. */
  Reservation reserve(OrderId orderId, List<ReservationLine> lines);
}
