package orderpay.domain.order;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import orderpay.domain.shared.OrderId;

/**
 * What happened to each order, told by the service that runs its saga: written in the transaction
 * of what it records, so the history shows what committed and nothing that rolled back.
 */
public interface OrderHistory {
  /** A recorded entry: its place in the order's history, when, and the trace that recorded it. */
  record Line(
      long sequence, Instant at, HistoryKind kind, String detail, Optional<String> traceParent) {}

  /** How many entries of one kind were recorded in the minute starting at {@code minute}. */
  record MinuteCount(Instant minute, HistoryKind kind, long count) {}

  /**
   * Records {@code entry} in the caller's transaction (on its own outside one), stamped with the
   * time and the current trace.
   */
  void record(OrderId orderId, HistoryEntry entry);

  default void recordAll(OrderId orderId, List<HistoryEntry> entries) {
    entries.forEach(entry -> record(orderId, entry));
  }

  /** The order's history, oldest first; empty for an order without one. */
  List<Line> of(OrderId orderId);

  /**
   * Entries of these kinds recorded at or after {@code from}, counted per whole UTC minute and
   * kind; minutes without any are left out.
   */
  List<MinuteCount> countPerMinute(Set<HistoryKind> kinds, Instant from);
}
