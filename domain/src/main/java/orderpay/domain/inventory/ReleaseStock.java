package orderpay.domain.inventory;

import java.time.Clock;
import orderpay.domain.shared.OrderId;
import orderpay.domain.shared.Transactions;

/** Gives an order's held units back to the shelf: its payment failed or it was cancelled. */
public record ReleaseStock(
    StockRepository stock,
    ReservationRepository reservations,
    Transactions transactions,
    Clock clock) {

  /**
   * Once: a hold already released or expired is answered as it is; one that was sold or returned
   * cannot be released ({@code INVALID_STATE}).
   */
  public Reservation release(OrderId orderId) {
    var locked = new LockedReservations(reservations, transactions, clock);
    return locked.onLocked(
        orderId,
        reservation ->
            switch (reservation.checkRelease()) {
              case ALREADY_DONE -> reservation;
              case APPLIED -> {
                stock.release(reservation.lines());
                yield locked.endAs(reservation, ReservationStatus.RELEASED);
              }
            });
  }
}
