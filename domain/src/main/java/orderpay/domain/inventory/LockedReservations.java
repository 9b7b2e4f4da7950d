package orderpay.domain.inventory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.OrderId;
import orderpay.domain.shared.Transactions;

/**
 * What ending a reservation takes, whichever way it ends (release, commit, return, expiry): the
 * reservation locked in one transaction, its units moved, and its new status stored once. The use
 * cases differ only in how units move and which status they end with; the expiry sweep ends many.
 *
 * <p>Public so the service's wiring can build the one those use cases share; its methods stay in
 * this package.
 */
public record LockedReservations(
    ReservationRepository reservations, Transactions transactions, Clock clock) {

  /**
   * In one transaction, the order's reservation locked for update is handed to {@code moveStock},
   * which moves its units and answers whether the reservation now ends as {@code end}: then that
   * status is stored and answered; otherwise the reservation is answered as it is.
   */
  Reservation endAs(OrderId orderId, ReservationStatus end, Predicate<Reservation> moveStock) {
    return transactions.inTransaction(
        () -> {
          var reservation = lockedFor(orderId);
          if (!moveStock.test(reservation)) {
            return reservation;
          }
          reservations.updateStatus(orderId, end, now(clock));
          return reservation.withStatus(end);
        });
  }

  /**
   * In one transaction, up to {@code batch} reservations past their TTL, locked, each handed to
   * {@code expire} (its units released, its event published, at the time given) and stored EXPIRED;
   * returns how many.
   */
  int expireDue(int batch, BiConsumer<Reservation, Instant> expire) {
    return transactions.inTransaction(
        () -> {
          Instant now = now(clock);
          var due = reservations.lockExpired(now, batch);
          for (Reservation reservation : due) {
            expire.accept(reservation, now);
            reservations.updateStatus(reservation.orderId(), ReservationStatus.EXPIRED, now);
          }
          return due.size();
        });
  }

  private Reservation lockedFor(OrderId orderId) {
    return reservations
        .findForUpdate(orderId)
        .orElseThrow(() -> DomainException.notFound("reservation", orderId.toString()));
  }

  /** Stored to the microsecond: truncated now, so an answer equals every later read. */
  static Instant now(Clock clock) {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
