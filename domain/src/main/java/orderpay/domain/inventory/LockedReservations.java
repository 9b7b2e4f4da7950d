package orderpay.domain.inventory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.OrderId;
import orderpay.domain.shared.Transactions;

/**
 * What ending a reservation takes, whichever way it ends (release, commit, return): the order's
 * reservation locked in one transaction, and its new status stored once.
 */
record LockedReservations(
    ReservationRepository reservations, Transactions transactions, Clock clock) {

  /** {@code step} applied, in one transaction, to the order's reservation locked for update. */
  Reservation onLocked(OrderId orderId, Function<Reservation, Reservation> step) {
    return transactions.inTransaction(
        () ->
            step.apply(
                reservations
                    .findForUpdate(orderId)
                    .orElseThrow(
                        () -> DomainException.notFound("reservation", orderId.toString()))));
  }

  /** The reservation stored, and answered, with its new status. */
  Reservation endAs(Reservation reservation, ReservationStatus status) {
    reservations.updateStatus(reservation.orderId(), status, now(clock));
    return reservation.withStatus(status);
  }

  /** Stored to the microsecond: truncated now, so an answer equals every later read. */
  static Instant now(Clock clock) {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
