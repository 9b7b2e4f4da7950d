package orderpay.domain.inventory;

import java.time.Clock;
import java.time.Instant;
import orderpay.domain.shared.EventPublisher;
import orderpay.domain.shared.Transactions;

/** The sweep that ends holds past their TTL: their units go back on the shelf. */
public record ExpireReservations(
    StockRepository stock,
    ReservationRepository reservations,
    Transactions transactions,
    EventPublisher events,
    Clock clock) {

  /** Releases up to {@code batch} reservations past their TTL, each once; returns how many. */
  public int expireDue(int batch) {
    return transactions.inTransaction(
        () -> {
          Instant now = LockedReservations.now(clock);
          var due = reservations.lockExpired(now, batch);
          for (Reservation reservation : due) {
            stock.release(reservation.lines());
            reservations.updateStatus(reservation.orderId(), ReservationStatus.EXPIRED, now);
            events.publish(new ReservationExpired(reservation.orderId(), now));
          }
          return due.size();
        });
  }
}
