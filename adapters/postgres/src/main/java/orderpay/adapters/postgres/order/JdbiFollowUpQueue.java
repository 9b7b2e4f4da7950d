package orderpay.adapters.postgres.order;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import orderpay.adapters.postgres.JdbiTransactions;
import orderpay.domain.order.FollowUp;
import orderpay.domain.order.FollowUpAction;
import orderpay.domain.order.FollowUpQueue;
import orderpay.domain.order.HistoryEntry;
import orderpay.domain.order.OrderHistory;
import orderpay.domain.shared.OrderId;

/**
 * Follow-ups in {@code order_follow_ups}: written in the transition's transaction, claimed by a
 * lease ({@code due_at} moved forward) with {@code SKIP LOCKED}, so replicas share the work. The
 * order's history tells when each was first asked for, done, or failed, in the same transaction.
 */
public record JdbiFollowUpQueue(JdbiTransactions transactions, OrderHistory history)
    implements FollowUpQueue {

  @Override
  public void schedule(OrderId orderId, FollowUpAction action, Instant dueAt) {
    int scheduled =
        transactions
            .requireTransaction()
            .createUpdate(
                """
            INSERT INTO order_follow_ups (order_id, action, due_at) VALUES (:order, :action, :due)
            ON CONFLICT DO NOTHING
            """)
            .bind("order", orderId.value())
            .bind("action", action.name())
            .bind("due", dueAt)
            .execute();
    if (scheduled > 0) { // a repeat changes nothing, and tells nothing new
      history.record(orderId, HistoryEntry.followUpRequested(action));
    }
  }

  @Override
  public List<FollowUp> claimDue(Instant now, Duration lease, int limit) {
    return transactions.inTransaction(
        () ->
            transactions
                .requireTransaction()
                .createQuery(
                    """
                    UPDATE order_follow_ups f SET due_at = :leasedUntil
                      FROM (SELECT order_id, action FROM order_follow_ups
                             WHERE done_at IS NULL AND due_at <= :now
                             ORDER BY due_at LIMIT :limit FOR UPDATE SKIP LOCKED) due
                     WHERE f.order_id = due.order_id AND f.action = due.action
                    RETURNING f.order_id, f.action, f.attempts
                    """)
                .bind("now", now)
                .bind("leasedUntil", now.plus(lease))
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new FollowUp(
                            new OrderId(rs.getObject("order_id", UUID.class)),
                            FollowUpAction.valueOf(rs.getString("action")),
                            rs.getInt("attempts")))
                .list());
  }

  @Override
  public void done(OrderId orderId, FollowUpAction action, Instant at) {
    transactions.run(
        () -> {
          int marked =
              transactions
                  .requireTransaction()
                  .createUpdate(
                      """
                      UPDATE order_follow_ups SET done_at = :at
                      WHERE order_id = :order AND action = :action AND done_at IS NULL
                      """)
                  .bind("order", orderId.value())
                  .bind("action", action.name())
                  .bind("at", at)
                  .execute();
          if (marked == 1) { // never owed, or done already: nothing more to tell
            history.record(orderId, HistoryEntry.followUpDone(action));
          }
        });
  }

  @Override
  public void retryAt(OrderId orderId, FollowUpAction action, Instant next, String error) {
    transactions.run(
        () -> {
          transactions
              .requireTransaction()
              .createUpdate(
                  """
                  UPDATE order_follow_ups SET due_at = :next, attempts = attempts + 1,
                         last_error = left(:error, 1000)
                   WHERE order_id = :order AND action = :action
                  """)
              .bind("order", orderId.value())
              .bind("action", action.name())
              .bind("next", next)
              .bind("error", error)
              .execute();
          history.record(orderId, HistoryEntry.followUpFailed(action, error, next));
        });
  }
}
