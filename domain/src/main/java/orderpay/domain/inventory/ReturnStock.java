package orderpay.domain.inventory;

import java.time.Clock;
import orderpay.domain.shared.OrderId;
import orderpay.domain.shared.Transactions;

/** The order was refunded: what it took, or still holds, goes back on the shelf. */
public record ReturnStock(
    StockRepository stock,
    ReservationRepository reservations,
    Transactions transactions,
    Clock clock) {

  /**
   * Committed units go back on the shelf, a still-held reservation is released (events of different
   * topics may arrive in either order), anything else is a no-op.
   */
  public Reservation returnStock(OrderId orderId) {
    var locked = new LockedReservations(reservations, transactions, clock);
    return locked.onLocked(
        orderId,
        reservation ->
            switch (reservation.status()) {
              case COMMITTED -> {
                stock.restock(reservation.lines());
                yield locked.endAs(reservation, ReservationStatus.RETURNED);
              }
              case RESERVED -> {
                // RETURNED, not RELEASED: a late "paid" for this refunded order must not take the
                // units again (see planCommit)
                stock.release(reservation.lines());
                yield locked.endAs(reservation, ReservationStatus.RETURNED);
              }
              case RELEASED, EXPIRED -> locked.endAs(reservation, ReservationStatus.RETURNED);
              case RETURNED -> reservation;
            });
  }
}
