package orderpay.domain.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.OrderId;

/**
 * Stock held for one order, all lines or none. Idempotent per order id: each ending (commit,
 * release, expiry) applies once, a repeat of the same ending is a no-op, a different one is
 * refused.
 */
public record Reservation(
    OrderId orderId, List<ReservationLine> lines, ReservationStatus status, Instant expiresAt) {

  /**
   * Whether a requested ending changed anything (the caller then adjusts stock) or was a repeat.
   */
  public enum Effect {
    APPLIED,
    ALREADY_DONE
  }

  public Reservation {
    lines = List.copyOf(lines);
  }

  /**
   * The one lock order: product ids compared as unsigned bytes, the way PostgreSQL orders uuid, so
   * rows are locked in the same order whether the lines come from a request or from the database.
   */
  public static final Comparator<ReservationLine> LOCK_ORDER =
      (a, b) -> {
        var x = a.productId().value();
        var y = b.productId().value();
        int high = Long.compareUnsigned(x.getMostSignificantBits(), y.getMostSignificantBits());
        return high != 0
            ? high
            : Long.compareUnsigned(x.getLeastSignificantBits(), y.getLeastSignificantBits());
      };

  /** Merges duplicate product lines and sorts them into {@link #LOCK_ORDER}. */
  public static List<ReservationLine> normalise(List<ReservationLine> requested) {
    if (requested == null || requested.isEmpty()) {
      throw DomainException.invalidField("lines", "a reservation needs at least one line");
    }
    Map<ProductId, Long> merged = new LinkedHashMap<>();
    for (ReservationLine line : requested) {
      merged.merge(line.productId(), line.quantity(), Math::addExact);
    }
    var lines = new ArrayList<ReservationLine>();
    merged.forEach((product, quantity) -> lines.add(new ReservationLine(product, quantity)));
    lines.sort(LOCK_ORDER);
    return lines;
  }

  /**
   * Checks every line against current stock; throws naming all short lines, or returns the stock
   * after reserving. All or nothing.
   */
  public static List<StockItem> allocate(
      List<ReservationLine> lines, Map<ProductId, StockItem> stock) {
    var shortages = new ArrayList<InsufficientStock.Shortage>();
    var next = new ArrayList<StockItem>();
    for (ReservationLine line : lines) {
      StockItem item = stock.get(line.productId());
      long available = item == null ? 0 : item.available();
      if (item == null || !item.canReserve(line.quantity())) {
        shortages.add(new InsufficientStock.Shortage(line.productId(), line.quantity(), available));
      } else {
        next.add(item.reserve(line.quantity()));
      }
    }
    if (!shortages.isEmpty()) {
      throw new InsufficientStock(shortages);
    }
    return next;
  }

  public boolean isExpired(Instant now) {
    return status == ReservationStatus.RESERVED && !now.isBefore(expiresAt);
  }

  /**
   * What a paid order's commit does to this reservation. A hold still RESERVED is taken even past
   * its TTL (the units are still set aside until the sweeper runs); a hold already released or
   * expired must be taken again from the shelf, if the units are still there; a reservation whose
   * order was refunded changes nothing.
   */
  public CommitPlan planCommit() {
    return switch (status) {
      case RESERVED -> CommitPlan.TAKE_HELD;
      case RELEASED, EXPIRED -> CommitPlan.RETAKE_FROM_SHELF;
      case COMMITTED, RETURNED -> CommitPlan.ALREADY_DONE;
    };
  }

  /** See {@link #planCommit}. */
  public enum CommitPlan {
    TAKE_HELD,
    RETAKE_FROM_SHELF,
    ALREADY_DONE
  }

  /** Whether a retried reserve may hand this reservation back, or must hold the units anew. */
  public boolean isDead() {
    return status == ReservationStatus.RELEASED || status == ReservationStatus.EXPIRED;
  }

  public Effect checkRelease() {
    return switch (status) {
      case RELEASED, EXPIRED -> Effect.ALREADY_DONE;
      case RESERVED -> Effect.APPLIED;
      case COMMITTED, RETURNED ->
          throw DomainException.invalidState(
              "reservation for order " + orderId + " is " + status + ", cannot release");
    };
  }

  public Reservation withStatus(ReservationStatus next) {
    return new Reservation(orderId, lines, next, expiresAt);
  }

  public Reservation reopened(Instant newExpiry) {
    return new Reservation(orderId, lines, ReservationStatus.RESERVED, newExpiry);
  }
}
