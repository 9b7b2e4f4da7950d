package orderpay.domain.inventory;

import orderpay.domain.shared.OrderId;

/** The order was refunded: what it took, or still holds, goes back on the shelf. */
public record ReturnStock(StockRepository stock, LockedReservations reservations) {

  /**
   * Committed units go back on the shelf, a still-held reservation is released (events of different
   * topics may arrive in either order), anything else is a no-op.
   */
  public Reservation returnStock(OrderId orderId) {
    return reservations.endAs(orderId, ReservationStatus.RETURNED, this::giveBackUnits);
  }

  private boolean giveBackUnits(Reservation reservation) {
    return switch (reservation.status()) {
      case COMMITTED -> {
        stock.restock(reservation.lines());
        yield true;
      }
      case RESERVED -> {
        // RETURNED, not RELEASED: a late "paid" for this refunded order must not take the units
        // again (see planCommit)
        stock.release(reservation.lines());
        yield true;
      }
      case RELEASED, EXPIRED -> true;
      case RETURNED -> false;
    };
  }
}
