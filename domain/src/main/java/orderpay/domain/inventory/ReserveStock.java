package orderpay.domain.inventory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;
import orderpay.domain.shared.OrderId;
import orderpay.domain.shared.Transactions;

/**
 * Holds an order's units until it is paid or the hold expires. Reservations are all-or-nothing,
 * idempotent per order id, expire after a TTL, and end exactly once.
 */
public record ReserveStock(
    StockRepository stock,
    ReservationRepository reservations,
    Transactions transactions,
    Clock clock,
    Duration reservationTtl) {

  /**
   * Holds every line for the order, or none. A retry with the same lines gets the same hold back; a
   * retry that finds the hold already released or expired holds the units anew (or fails with
   * {@link InsufficientStock}): it never hands back a dead hold as if the stock were still held.
   */
  public Reservation reserve(OrderId orderId, List<ReservationLine> requested) {
    var lines = Reservation.normalise(requested);
    return transactions.inTransaction(
        () -> {
          var expiresAt = LockedReservations.now(clock).plus(reservationTtl);
          var fresh = new Reservation(orderId, lines, ReservationStatus.RESERVED, expiresAt);
          if (reservations.addIfAbsent(fresh)) {
            takeOrRollBack(lines);
            return fresh;
          }
          var existing = reservations.findForUpdate(orderId).orElseThrow();
          if (!existing.lines().equals(lines)) {
            throw new DomainException(
                ErrorKind.CONFLICT,
                "conflict",
                "order " + orderId + " already holds a different reservation",
                Map.of("order_id", orderId.toString()));
          }
          if (!existing.isDead()) {
            return existing; // a retry: same answer, nothing reserved twice
          }
          takeOrRollBack(lines);
          var renewed = existing.reopened(LockedReservations.now(clock).plus(reservationTtl));
          reservations.reopen(orderId, renewed.expiresAt(), LockedReservations.now(clock));
          return renewed;
        });
  }

  private void takeOrRollBack(List<ReservationLine> lines) {
    var shortages = stock.tryReserve(lines);
    if (!shortages.isEmpty()) {
      throw new InsufficientStock(shortages); // rolls back every line and the row
    }
  }
}
