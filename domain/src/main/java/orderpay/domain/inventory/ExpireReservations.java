package orderpay.domain.inventory;

import orderpay.domain.shared.EventPublisher;

/** The sweep that ends holds past their TTL: their units go back on the shelf. */
public record ExpireReservations(
    StockRepository stock, LockedReservations reservations, EventPublisher events) {

  /** Releases up to {@code batch} reservations past their TTL, each once; returns how many. */
  public int expireDue(int batch) {
    return reservations.expireDue(
        batch,
        (reservation, now) -> {
          stock.release(reservation.lines());
          events.publish(new ReservationExpired(reservation.orderId(), now));
        });
  }
}
