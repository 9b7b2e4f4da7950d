package orderpay.domain.inventory;

import orderpay.domain.shared.OrderId;

/** Gives an order's held units back to the shelf: its payment failed or it was cancelled. */
public record ReleaseStock(StockRepository stock, LockedReservations reservations) {

  /**
   * Once: a hold already released or expired is answered as it is; one that was sold or returned
   * cannot be released ({@code INVALID_STATE}).
   */
  public Reservation release(OrderId orderId) {
    return reservations.endAs(orderId, ReservationStatus.RELEASED, this::releaseUnits);
  }

  private boolean releaseUnits(Reservation reservation) {
    return switch (reservation.checkRelease()) {
      case ALREADY_DONE -> false;
      case APPLIED -> {
        stock.release(reservation.lines());
        yield true;
      }
    };
  }
}
