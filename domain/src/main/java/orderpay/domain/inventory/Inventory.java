package orderpay.domain.inventory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;
import orderpay.domain.shared.EventPublisher;
import orderpay.domain.shared.OrderId;
import orderpay.domain.shared.Transactions;

/**
 * The inventory service's use cases: the single owner of stock. Reservations are all-or-nothing,
 * idempotent per order id, expire after a TTL, and end exactly once.
 */
public record Inventory(
    StockRepository stock,
    ReservationRepository reservations,
    Transactions transactions,
    EventPublisher events,
    Clock clock,
    Duration reservationTtl) {
  public static final long MAX_STOCK = 1_000_000_000L;

  /** What CheckStock answers: each line's level and whether all lines could be reserved now. */
  public record Availability(boolean allAvailable, List<StockItem> levels) {}

  /**
   * Holds every line for the order, or none. A retry with the same lines gets the same hold back; a
   * retry that finds the hold already released or expired holds the units anew (or fails with
   * {@link InsufficientStock}): it never hands back a dead hold as if the stock were still held.
   */
  public Reservation reserve(OrderId orderId, List<ReservationLine> requested) {
    var lines = Reservation.normalise(requested);
    return transactions.inTransaction(
        () -> {
          var fresh =
              new Reservation(
                  orderId, lines, ReservationStatus.RESERVED, now().plus(reservationTtl));
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
          var renewed = existing.reopened(now().plus(reservationTtl));
          reservations.reopen(orderId, renewed.expiresAt(), now());
          return renewed;
        });
  }

  private void takeOrRollBack(List<ReservationLine> lines) {
    var shortages = stock.tryReserve(lines);
    if (!shortages.isEmpty()) {
      throw new InsufficientStock(shortages); // rolls back every line and the row
    }
  }

  public Reservation release(OrderId orderId) {
    return onLocked(
        orderId,
        reservation ->
            switch (reservation.checkRelease()) {
              case ALREADY_DONE -> reservation;
              case APPLIED -> {
                stock.release(reservation.lines());
                yield endAs(reservation, ReservationStatus.RELEASED);
              }
            });
  }

  /**
   * The order is paid: its units leave the shelf for good. A hold past its TTL is still taken; a
   * hold that already ended is taken again from the shelf if the units are there. If they are not
   * (sold meanwhile), the reservation stays as it is and {@link CommitRefused} tells the order
   * service, which refunds the order: a paid order never keeps its units on the shelf.
   */
  public Reservation commit(OrderId orderId) {
    return onLocked(
        orderId,
        reservation ->
            switch (reservation.planCommit()) {
              case ALREADY_DONE -> reservation;
              case TAKE_HELD -> {
                stock.commit(reservation.lines());
                yield endAs(reservation, ReservationStatus.COMMITTED);
              }
              case RETAKE_FROM_SHELF -> {
                var shortages = stock.tryReserve(reservation.lines());
                if (!shortages.isEmpty()) {
                  events.publish(new CommitRefused(orderId, shortages, now()));
                  yield reservation;
                }
                stock.commit(reservation.lines());
                yield endAs(reservation, ReservationStatus.COMMITTED);
              }
            });
  }

  /**
   * The order was refunded: committed units go back on the shelf, a still-held reservation is
   * released (events of different topics may arrive in either order), anything else is a no-op.
   */
  public Reservation returnStock(OrderId orderId) {
    return onLocked(
        orderId,
        reservation ->
            switch (reservation.status()) {
              case COMMITTED -> {
                stock.restock(reservation.lines());
                yield endAs(reservation, ReservationStatus.RETURNED);
              }
              case RESERVED -> {
                // RETURNED, not RELEASED: a late "paid" for this refunded order must not take the
                // units again (see planCommit)
                stock.release(reservation.lines());
                yield endAs(reservation, ReservationStatus.RETURNED);
              }
              case RELEASED, EXPIRED -> endAs(reservation, ReservationStatus.RETURNED);
              case RETURNED -> reservation;
            });
  }

  /** {@code step} applied, in one transaction, to the order's reservation locked for update. */
  private Reservation onLocked(OrderId orderId, Function<Reservation, Reservation> step) {
    return transactions.inTransaction(
        () -> step.apply(reservations.findForUpdate(orderId).orElseThrow(() -> notFound(orderId))));
  }

  /** The reservation stored, and answered, with its new status. */
  private Reservation endAs(Reservation reservation, ReservationStatus status) {
    reservations.updateStatus(reservation.orderId(), status, now());
    return reservation.withStatus(status);
  }

  /**
   * Stock follows the order: paid commits, failed or cancelled releases, refunded puts sold units
   * back. Empty when that changes no stock: nothing was reserved (refused on the spot), or the
   * reservation already ended otherwise (events of different topics arriving out of order). A paid
   * order whose units cannot be had any more is announced by {@link #commit}.
   */
  public java.util.Optional<Reservation> settle(
      OrderId orderId, orderpay.domain.shared.OrderOutcome outcome) {
    try {
      return java.util.Optional.of(
          switch (outcome) {
            case PAID -> commit(orderId);
            case FAILED, CANCELLED -> release(orderId);
            case REFUNDED -> returnStock(orderId);
          });
    } catch (DomainException e) {
      if (e.kind() == ErrorKind.NOT_FOUND || e.kind() == ErrorKind.INVALID_STATE) {
        return java.util.Optional.empty();
      }
      throw e;
    }
  }

  /** Releases up to {@code batch} reservations past their TTL, each once; returns how many. */
  public int expireDue(int batch) {
    return transactions.inTransaction(
        () -> {
          Instant now = now();
          var due = reservations.lockExpired(now, batch);
          for (Reservation reservation : due) {
            stock.release(reservation.lines());
            reservations.updateStatus(reservation.orderId(), ReservationStatus.EXPIRED, now);
            events.publish(new ReservationExpired(reservation.orderId(), now));
          }
          return due.size();
        });
  }

  public StockItem setStock(ProductId productId, long onHand) {
    if (onHand > MAX_STOCK) {
      throw DomainException.invalidField("on_hand", "on_hand must be at most " + MAX_STOCK);
    }
    return transactions.inTransaction(
        () -> {
          var item =
              stock
                  .findForUpdate(productId)
                  .orElseThrow(() -> DomainException.notFound("product", productId.toString()));
          var next = item.recount(onHand);
          stock.save(next);
          return next;
        });
  }

  /** For reconciliation: each order's reservation status; orders without one are left out. */
  public Map<OrderId, ReservationStatus> reservationStatuses(java.util.Collection<OrderId> ids) {
    return reservations.statuses(ids);
  }

  public StockItem get(ProductId productId) {
    return stock
        .find(productId)
        .orElseThrow(() -> DomainException.notFound("product", productId.toString()));
  }

  public Availability check(List<ReservationLine> requested) {
    var lines = Reservation.normalise(requested);
    Map<ProductId, StockItem> levels =
        stock.findAll(lines.stream().map(ReservationLine::productId).toList()).stream()
            .collect(Collectors.toMap(StockItem::productId, Function.identity()));
    boolean all =
        lines.stream()
            .allMatch(
                line ->
                    levels.containsKey(line.productId())
                        && levels.get(line.productId()).canReserve(line.quantity()));
    return new Availability(all, List.copyOf(levels.values()));
  }

  /** From the catalog's events: a new product starts with its initial stock, once. */
  public void productCreated(ProductId productId, long initialStock) {
    transactions.run(() -> stock.addIfAbsent(productId, Math.max(0, initialStock)));
  }

  public void productDeleted(ProductId productId) {
    transactions.run(() -> stock.discontinue(productId));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static DomainException notFound(OrderId orderId) {
    return DomainException.notFound("reservation", orderId.toString());
  }
}
