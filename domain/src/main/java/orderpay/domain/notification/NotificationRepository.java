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
   * Claims up to {@code limit} pending messages due at {@code now}, leasing them until {@code
   * leaseUntil} so no other dispatcher takes them meanwhile.
   */
  List<Notification> claimDue(Instant now, Instant leaseUntil, int limit);

  void markSent(UUID id, String recipient, Instant at);

  void scheduleRetry(UUID id, int attempts, String error, Instant nextAttempt);

  void markFailed(UUID id, int attempts, String error, Instant at);

  List<Notification> listForUser(UserId userId, Optional<OrderId> orderId, int limit);
}
