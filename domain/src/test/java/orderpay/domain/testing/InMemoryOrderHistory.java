package orderpay.domain.testing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import orderpay.domain.order.HistoryEntry;
import orderpay.domain.order.HistoryKind;
import orderpay.domain.order.OrderHistory;
import orderpay.domain.shared.OrderId;

/**
 * Order histories in memory, stamped with the test's clock to the microsecond (as PostgreSQL keeps
 * them); inside {@link InMemoryTransactions} a rollback takes a transaction's entries back.
 */
public final class InMemoryOrderHistory
    implements OrderHistory, InMemoryTransactions.Snapshottable {
  private record Recorded(OrderId orderId, Line line) {}

  private final Clock clock;
  private final List<Recorded> lines = new ArrayList<>();
  private long sequence; // like an identity column: never reused, not even after a rollback

  public InMemoryOrderHistory(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void record(OrderId orderId, HistoryEntry entry) {
    lines.add(
        new Recorded(
            orderId,
            new Line(
                ++sequence,
                clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS),
                entry.kind(),
                entry.detail(),
                Optional.empty())));
  }

  @Override
  public synchronized List<Line> of(OrderId orderId) {
    return lines.stream()
        .filter(r -> r.orderId().equals(orderId))
        .map(Recorded::line)
        .sorted(java.util.Comparator.comparing(Line::at).thenComparing(Line::sequence))
        .toList();
  }

  @Override
  public synchronized List<MinuteCount> countPerMinute(
      java.util.Set<HistoryKind> kinds, java.time.Instant from) {
    var counts = new java.util.TreeMap<java.time.Instant, java.util.Map<HistoryKind, Long>>();
    lines.stream()
        .map(Recorded::line)
        .filter(line -> kinds.contains(line.kind()) && !line.at().isBefore(from))
        .forEach(
            line ->
                counts
                    .computeIfAbsent(
                        line.at().truncatedTo(java.time.temporal.ChronoUnit.MINUTES),
                        m -> new java.util.EnumMap<>(HistoryKind.class))
                    .merge(line.kind(), 1L, Long::sum));
    var result = new ArrayList<MinuteCount>();
    counts.forEach(
        (minute, byKind) ->
            byKind.forEach((kind, count) -> result.add(new MinuteCount(minute, kind, count))));
    return result;
  }

  /** The kinds recorded for the order, in order. */
  public List<HistoryKind> kinds(OrderId orderId) {
    return of(orderId).stream().map(Line::kind).toList();
  }

  /** Every order with a history. */
  public synchronized java.util.Set<OrderId> orders() {
    return lines.stream().map(Recorded::orderId).collect(java.util.stream.Collectors.toSet());
  }

  public synchronized void forget(OrderId orderId) {
    lines.removeIf(r -> r.orderId().equals(orderId));
  }

  @Override
  public synchronized Object snapshot() {
    return List.copyOf(lines);
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized void restore(Object snapshot) {
    lines.clear();
    lines.addAll((List<Recorded>) snapshot);
  }
}
