package orderpay.domain.inventory;

import orderpay.domain.shared.EventPublisher;
import orderpay.domain.shared.OrderId;

/** The order is paid: its units leave the shelf for good. */
public record CommitStock(
    StockRepository stock, LockedReservations reservations, EventPublisher events) {

  /**
   * A hold past its TTL is still taken; a hold that already ended is taken again from the shelf if
   * the units are there. If they are not (sold meanwhile), the reservation stays as it is and
   * {@link CommitRefused} tells the order service, which refunds the order: a paid order never
   * keeps its units on the shelf.
   */
  public Reservation commit(OrderId orderId) {
    return reservations.endAs(orderId, ReservationStatus.COMMITTED, this::takeUnits);
  }

  private boolean takeUnits(Reservation reservation) {
    return switch (reservation.planCommit()) {
      case ALREADY_DONE -> false;
      case TAKE_HELD -> taken(reservation);
      case RETAKE_FROM_SHELF -> retakenFromShelf(reservation) && taken(reservation);
    };
  }

  private boolean taken(Reservation reservation) {
    stock.commit(reservation.lines());
    return true;
  }

  /** False when the units were sold meanwhile: {@link CommitRefused} tells the order service. */
  private boolean retakenFromShelf(Reservation reservation) {
    var shortages = stock.tryReserve(reservation.lines());
    if (shortages.isEmpty()) {
      return true;
    }
    events.publish(
        new CommitRefused(
            reservation.orderId(), shortages, LockedReservations.now(reservations.clock())));
    return false;
  }
}
