package orderpay.domain.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import orderpay.domain.order.FollowUp;
import orderpay.domain.order.FollowUpAction;
import orderpay.domain.order.FollowUpQueue;
import orderpay.domain.order.HistoryEntry;
import orderpay.domain.order.OrderHistory;
import orderpay.domain.shared.OrderId;

/**
 * The follow-up queue in memory: once per order and action, leased while claimed, earliest due
 * first; like the PostgreSQL queue it tells the order's history what was asked, done and failed.
 */
public final class InMemoryFollowUps implements FollowUpQueue {
  private record Key(OrderId orderId, FollowUpAction action) {}

  private static final class Row {
    Instant dueAt;
    int attempts;
    boolean done;
    String lastError;
  }

  private final Map<Key, Row> rows = new LinkedHashMap<>();
  private final OrderHistory history;

  public InMemoryFollowUps(OrderHistory history) {
    this.history = history;
  }

  /** A queue whose history nobody reads. */
  public InMemoryFollowUps() {
    this(new InMemoryOrderHistory(java.time.Clock.systemUTC()));
  }

  @Override
  public synchronized void schedule(OrderId orderId, FollowUpAction action, Instant dueAt) {
    var key = new Key(orderId, action);
    if (!rows.containsKey(key)) { // a repeat changes nothing, and tells nothing new
      var row = new Row();
      row.dueAt = dueAt;
      rows.put(key, row);
      history.record(orderId, HistoryEntry.followUpRequested(action));
    }
  }

  @Override
  public synchronized List<FollowUp> claimDue(Instant now, Duration lease, int limit) {
    var due =
        rows.entrySet().stream()
            .filter(e -> !e.getValue().done && !e.getValue().dueAt.isAfter(now))
            .sorted(Comparator.comparing(e -> e.getValue().dueAt))
            .limit(limit)
            .toList();
    due.forEach(e -> e.getValue().dueAt = now.plus(lease));
    return due.stream()
        .map(e -> new FollowUp(e.getKey().orderId(), e.getKey().action(), e.getValue().attempts))
        .toList();
  }

  @Override
  public synchronized void done(OrderId orderId, FollowUpAction action, Instant at) {
    var row = rows.get(new Key(orderId, action));
    if (row == null || row.done) {
      return; // never owed, or done already: nothing more to tell
    }
    row.done = true;
    history.record(orderId, HistoryEntry.followUpDone(action));
  }

  @Override
  public synchronized void retryAt(
      OrderId orderId, FollowUpAction action, Instant next, String error) {
    var row = rows.get(new Key(orderId, action));
    row.attempts++;
    row.dueAt = next;
    row.lastError = error;
    history.record(orderId, HistoryEntry.followUpFailed(action, error, next));
  }

  public synchronized List<FollowUpAction> pending(OrderId orderId) {
    return rows.entrySet().stream()
        .filter(e -> e.getKey().orderId().equals(orderId) && !e.getValue().done)
        .map(e -> e.getKey().action())
        .toList();
  }

  public synchronized int attempts(OrderId orderId, FollowUpAction action) {
    return rows.get(new Key(orderId, action)).attempts;
  }
}
