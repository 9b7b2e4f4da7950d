package orderpay.domain.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import orderpay.domain.order.FollowUp;
import orderpay.domain.order.FollowUpAction;
import orderpay.domain.order.FollowUpQueue;
import orderpay.domain.shared.OrderId;

/** The follow-up queue in memory: once per order and action, leased while claimed. */
public final class InMemoryFollowUps implements FollowUpQueue {
  private record Key(OrderId orderId, FollowUpAction action) {}

  private static final class Row {
    Instant dueAt;
    int attempts;
    boolean done;
    String lastError;
  }

  private final Map<Key, Row> rows = new LinkedHashMap<>();

  @Override
  public synchronized void schedule(OrderId orderId, FollowUpAction action, Instant dueAt) {
    rows.computeIfAbsent(
        new Key(orderId, action),
        k -> {
          var row = new Row();
          row.dueAt = dueAt;
          return row;
        });
  }

  @Override
  public synchronized List<FollowUp> claimDue(Instant now, Duration lease, int limit) {
    var due = new ArrayList<FollowUp>();
    for (var entry : rows.entrySet()) {
      var row = entry.getValue();
      if (!row.done && !row.dueAt.isAfter(now) && due.size() < limit) {
        row.dueAt = now.plus(lease);
        due.add(new FollowUp(entry.getKey().orderId(), entry.getKey().action(), row.attempts));
      }
    }
    return due;
  }

  @Override
  public synchronized void done(OrderId orderId, FollowUpAction action, Instant at) {
    rows.get(new Key(orderId, action)).done = true;
  }

  @Override
  public synchronized void retryAt(
      OrderId orderId, FollowUpAction action, Instant next, String error) {
    var row = rows.get(new Key(orderId, action));
    row.attempts++;
    row.dueAt = next;
    row.lastError = error;
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
