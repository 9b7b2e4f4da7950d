package orderpay.domain.testing;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import orderpay.domain.notification.Lease;
import orderpay.domain.notification.Notification;
import orderpay.domain.notification.NotificationRepository;
import orderpay.domain.notification.NotificationStatus;
import orderpay.domain.notification.SourceEvent;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.UserId;

/**
 * Notifications in memory with the PostgreSQL repository's rules: once per dedup key, due emails
 * claimed oldest first under a lease, finished only by the lease that holds them.
 */
public final class InMemoryNotificationRepository implements NotificationRepository {
  /** The messages by dedup key, as they are now. */
  public final Map<String, Notification> byKey = new LinkedHashMap<>();

  private final Map<UUID, Instant> due = new HashMap<>();
  private final Map<UUID, UUID> owner = new HashMap<>();

  @Override
  public synchronized boolean addIfAbsent(
      Notification n, String dedupKey, Optional<SourceEvent> source) {
    if (byKey.containsKey(dedupKey)) {
      return false;
    }
    // stored as the database stores it: not yet tried, nothing sent
    byKey.put(dedupKey, copy(n, n.status(), 0, null, n.recipient(), null));
    due.put(n.id(), n.createdAt());
    return true;
  }

  @Override
  public synchronized Optional<Notification> findByDedupKey(String dedupKey) {
    return Optional.ofNullable(byKey.get(dedupKey));
  }

  @Override
  public synchronized List<Notification> claimDue(Instant now, Lease lease, int limit) {
    var claimed =
        byKey.values().stream()
            .filter(
                n ->
                    n.status() == NotificationStatus.PENDING
                        && n.channel().equals("email")
                        && !due.get(n.id()).isAfter(now))
            .sorted(Comparator.comparing((Notification n) -> due.get(n.id())))
            .limit(limit)
            .toList();
    claimed.forEach(n -> hold(n.id(), lease));
    return claimed;
  }

  @Override
  public synchronized boolean claim(UUID id, Instant now, Lease lease) {
    var n = byId(id);
    if (n.isEmpty()
        || n.get().status() != NotificationStatus.PENDING
        || (due.get(id).isAfter(now) && !lease.token().equals(owner.get(id)))) {
      return false;
    }
    hold(id, lease);
    return true;
  }

  private void hold(UUID id, Lease lease) {
    due.put(id, lease.until());
    owner.put(id, lease.token());
  }

  private boolean holds(UUID id, Lease lease) {
    return byId(id).filter(n -> n.status() == NotificationStatus.PENDING).isPresent()
        && lease.token().equals(owner.get(id));
  }

  private Optional<Notification> byId(UUID id) {
    return byKey.values().stream().filter(n -> n.id().equals(id)).findFirst();
  }

  /** Changes the message if {@code lease} holds it, and lets the lease go. */
  private boolean changeHeld(UUID id, Lease lease, UnaryOperator<Notification> change) {
    if (!holds(id, lease)) {
      return false;
    }
    byKey.replaceAll((k, n) -> n.id().equals(id) ? change.apply(n) : n);
    owner.remove(id);
    return true;
  }

  @Override
  public synchronized boolean markSent(UUID id, Lease lease, String recipient, Instant at) {
    return changeHeld(
        id, lease, n -> copy(n, NotificationStatus.SENT, n.attempts() + 1, null, recipient, at));
  }

  @Override
  public synchronized boolean scheduleRetry(
      UUID id, Lease lease, int attempts, String error, Instant nextAttempt) {
    boolean held =
        changeHeld(
            id,
            lease,
            n -> copy(n, NotificationStatus.PENDING, attempts, error, n.recipient(), null));
    if (held) {
      due.put(id, nextAttempt);
    }
    return held;
  }

  @Override
  public synchronized boolean markFailed(UUID id, Lease lease, int attempts, String error) {
    return changeHeld(
        id, lease, n -> copy(n, NotificationStatus.FAILED, attempts, error, n.recipient(), null));
  }

  @Override
  public synchronized List<Notification> listForUser(
      UserId userId, Optional<OrderId> orderId, int limit) {
    return byKey.values().stream()
        .filter(n -> userId.equals(n.userId()))
        .filter(n -> orderId.isEmpty() || orderId.get().equals(n.orderId()))
        .sorted(
            Comparator.comparing(Notification::createdAt)
                .thenComparing(Notification::id, PostgresOrder.UUIDS)
                .reversed())
        .limit(limit)
        .toList();
  }

  private static Notification copy(
      Notification n,
      NotificationStatus status,
      int attempts,
      String error,
      String recipient,
      Instant sentAt) {
    return new Notification(
        n.id(),
        n.userId(),
        n.orderId(),
        n.channel(),
        n.template(),
        recipient,
        n.subject(),
        n.textBody(),
        n.htmlBody(),
        status,
        attempts,
        error,
        n.createdAt(),
        sentAt);
  }
}
