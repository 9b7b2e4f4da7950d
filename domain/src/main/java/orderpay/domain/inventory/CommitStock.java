package orderpay.domain.inventory;

import java.time.Clock;
import orderpay.domain.shared.EventPublisher;
import orderpay.domain.shared.OrderId;
import orderpay.domain.shared.Transactions;

/** The order is paid: its units leave the shelf for good. */
public record CommitStock(
    StockRepository stock,
    ReservationRepository reservations,
    Transactions transactions,
    EventPublisher events,
    Clock clock) {

  /**
   * A hold past its TTL is still taken; a hold that already ended is taken again from the shelf if
   * the units are there. If they are not (sold meanwhile), the reservation stays as it is and
   * {@link CommitRefused} tells the order service, which refunds the order: a paid order never
   * keeps its units on the shelf.
   */
  public Reservation commit(OrderId orderId) {
    var locked = new LockedReservations(reservations, transactions, clock);
    return locked.onLocked(
        orderId,
        reservation ->
            switch (reservation.planCommit()) {
              case ALREADY_DONE -> reservation;
              case TAKE_HELD -> {
                stock.commit(reservation.lines());
                yield locked.endAs(reservation, ReservationStatus.COMMITTED);
              }
              case RETAKE_FROM_SHELF -> {
                var shortages = stock.tryReserve(reservation.lines());
                if (!shortages.isEmpty()) {
                  events.publish(
                      new CommitRefused(orderId, shortages, LockedReservations.now(clock)));
                  yield reservation;
                }
                stock.commit(reservation.lines());
                yield locked.endAs(reservation, ReservationStatus.COMMITTED);
              }
            });
  }
}
