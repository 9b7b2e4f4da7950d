package orderpay.domain.inventory;

import java.util.List;
import orderpay.domain.order.OrderId;

/** Outbound port of the order service onto the inventory service. Every call is idempotent. */
public interface StockReservations {
  /** Reserves all lines or throws {@link InsufficientStock}. */
  Reservation reserve(OrderId orderId, List<ReservationLine> lines);

  void release(OrderId orderId);

  void commit(OrderId orderId);
}
