package orderpay.domain.inventory;

import java.util.List;
import orderpay.domain.shared.OrderId;

/**
 * Outbound port of the order service onto the inventory service. Idempotent per order id. Holding
 * is synchronous; commit and release follow the order's own events (order.paid, order.failed, ...),
 * which the inventory service consumes exactly once. The one synchronous release is the saga's own
 * compensation, see {@link #release}.
 */
public interface StockReservations {
  /** Reserves all lines or throws {@link InsufficientStock}. */
  Reservation reserve(OrderId orderId, List<ReservationLine> lines);

  /**
   * Gives back the hold of an order that ended (cancelled, failed) while the saga was reserving for
   * it: the release its end triggered may have reached the inventory before the hold did, and would
   * otherwise leave the units held until the hold expires. Releasing a hold that is gone or already
   * ended changes nothing.
   */
  void release(OrderId orderId);
}
