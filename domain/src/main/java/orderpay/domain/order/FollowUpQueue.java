package orderpay.domain.order;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import orderpay.domain.shared.OrderId;

/** The order service's command outbox: follow-ups recorded in a transaction, run after commit. */
public interface FollowUpQueue {
  /** Inside the caller's transaction; once per order and action (a repeat changes nothing). */
  void schedule(OrderId orderId, FollowUpAction action, Instant dueAt);

  /**
   * Due follow-ups, leased for {@code lease} so another replica does not run them at the same time
   * (running one twice is harmless: every call is idempotent per order).
   */
  List<FollowUp> claimDue(Instant now, Duration lease, int limit);

  void done(OrderId orderId, FollowUpAction action, Instant at);

  void retryAt(OrderId orderId, FollowUpAction action, Instant next, String error);
}
