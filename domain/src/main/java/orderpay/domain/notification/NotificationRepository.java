package orderpay.domain.notification;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.UserId;

public interface NotificationRepository {
  /** Records a pending message unless one with the same dedup key exists; false if it did. */
  boolean addIfAbsent(Notification notification, String dedupKey, Optional<SourceEvent> source);

  Optional<Notification> findByDedupKey(String dedupKey);

  /**
   * Claims up to {@code limit} pending emails due at {@code now} under {@code lease}, so no other
   * dispatcher takes them until it ends. SMS are sent by the request that records them, never here.
   */
  List<Notification> claimDue(Instant now, Lease lease, int limit);

  /**
   * Claims (or renews) one pending message under {@code lease}: succeeds if it is due or already
   * held under this lease's token; false if it is finished or another lease holds it.
   */
  boolean claim(UUID id, Instant now, Lease lease);

  /** Marks the message sent, only if {@code lease} still holds it; false otherwise. */
  boolean markSent(UUID id, Lease lease, String recipient, Instant at);

  /** A message the mail server accepted, and the address it went to. */
  record Sent(UUID id, String recipient) {}

  /**
   * Marks each message sent, only where {@code lease} still holds it; returns how many were. An
   * adapter does it in one statement.
   */
  default int markAllSent(List<Sent> sent, Lease lease, Instant at) {
    int marked = 0;
    for (Sent message : sent) {
      marked += markSent(message.id(), lease, message.recipient(), at) ? 1 : 0;
    }
    return marked;
  }

  /** Schedules another attempt, only if {@code lease} still holds the message. */
  boolean scheduleRetry(UUID id, Lease lease, int attempts, String error, Instant nextAttempt);

  /** Gives up on the message, only if {@code lease} still holds it; false otherwise. */
  boolean markFailed(UUID id, Lease lease, int attempts, String error);

  List<Notification> listForUser(UserId userId, Optional<OrderId> orderId, int limit);
}
