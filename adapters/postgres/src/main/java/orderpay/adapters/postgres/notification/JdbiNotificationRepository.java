package orderpay.adapters.postgres.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import orderpay.adapters.postgres.Columns;
import orderpay.adapters.postgres.JdbiTransactions;
import orderpay.adapters.postgres.messaging.OutboxStore;
import orderpay.adapters.telemetry.CarriedTraces;
import orderpay.adapters.telemetry.Traces;
import orderpay.domain.notification.DeadLetters;
import orderpay.domain.notification.Lease;
import orderpay.domain.notification.Notification;
import orderpay.domain.notification.NotificationRepository;
import orderpay.domain.notification.NotificationStatus;
import orderpay.domain.notification.SourceEvent;
import orderpay.domain.notification.Template;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.UserId;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;

/**
 * Notifications in Postgres. {@code emailRecorded} runs once a new email to send is committed (the
 * dispatcher's wake-up).
 */
public record JdbiNotificationRepository(JdbiTransactions transactions, Runnable emailRecorded)
    implements NotificationRepository, DeadLetters {
  private static final String COLUMNS =
      "id, user_id, order_id, channel, template, recipient, subject, text_body, html_body, status, attempts,"
          + " last_error, created_at, sent_at";

  public JdbiNotificationRepository(JdbiTransactions transactions) {
    this(transactions, () -> {});
  }

  @Override
  public boolean addIfAbsent(Notification n, String dedupKey, Optional<SourceEvent> source) {
    boolean added = insert(n, dedupKey, source);
    if (added && "email".equals(n.channel()) && n.status() == NotificationStatus.PENDING) {
      transactions.afterCommit(emailRecorded);
    }
    return added;
  }

  private boolean insert(Notification n, String dedupKey, Optional<SourceEvent> source) {
    return transactions.updatedOne(
        """
        INSERT INTO notifications (id, dedup_key, user_id, order_id, channel, template, recipient, subject,
            text_body, html_body, status, attempts, next_attempt_at, created_at,
            source_event_id, source_topic, source_key, source_type, source_payload, trace_parent)
        VALUES (:id, :dedup, :userId, :orderId, :channel, :template, :recipient, :subject,
            :text, :html, :status, 0, :createdAt, :createdAt,
            :sourceId, :sourceTopic, :sourceKey, :sourceType, :sourcePayload, :traceParent)
        ON CONFLICT (dedup_key) DO NOTHING
        """,
        insert ->
            insert
                .bind("id", n.id())
                .bind("dedup", dedupKey)
                .bind("userId", n.userId() == null ? null : n.userId().value())
                .bind("orderId", n.orderId() == null ? null : n.orderId().value())
                .bind("channel", n.channel())
                .bind("template", n.template().wireName())
                .bind("recipient", n.recipient())
                .bind("subject", n.subject())
                .bind("text", n.textBody())
                .bind("html", n.htmlBody())
                .bind("status", n.status().name())
                .bind("createdAt", n.createdAt())
                .bind("sourceId", source.map(SourceEvent::eventId).orElse(null))
                .bind("sourceTopic", source.map(SourceEvent::topic).orElse(null))
                .bind("sourceKey", source.map(SourceEvent::key).orElse(null))
                .bind("sourceType", source.map(SourceEvent::type).orElse(null))
                .bind("sourcePayload", source.map(SourceEvent::payload).orElse(null))
                // its sending joins the trace of the event that asked for it
                .bind("traceParent", Traces.currentTraceparent()));
  }

  @Override
  public Optional<Notification> findByDedupKey(String dedupKey) {
    return transactions.oneBy(
        "SELECT " + COLUMNS + " FROM notifications WHERE dedup_key = :key",
        "key",
        dedupKey,
        JdbiNotificationRepository::toNotification);
  }

  @Override
  public List<Notification> claimDue(Instant now, Lease lease, int limit) {
    return transactions.list(
        """
        UPDATE notifications SET next_attempt_at = :leaseUntil, lease_owner = :owner
        WHERE id IN (SELECT id FROM notifications
                     WHERE status = 'PENDING' AND channel = 'email' AND next_attempt_at <= :now
                     ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)
        RETURNING """
            + " trace_parent, "
            + COLUMNS,
        q -> bindLease(q, lease).bind("now", now).bind("limit", limit),
        (rs, ctx) -> {
          var notification = toNotification(rs, ctx);
          // for the mailer's span: the domain in between needs no trace context
          CarriedTraces.remember(notification.id().toString(), rs.getString("trace_parent"));
          return notification;
        });
  }

  @Override
  public boolean claim(UUID id, Instant now, Lease lease) {
    return transactions.updatedOne(
        """
        UPDATE notifications SET next_attempt_at = :leaseUntil, lease_owner = :owner
        WHERE id = :id AND status = 'PENDING'
          AND (next_attempt_at <= :now OR lease_owner = :owner)
        """,
        u -> bindLease(u, lease).bind("id", id).bind("now", now));
  }

  private static <S extends SqlStatement<S>> S bindLease(S statement, Lease lease) {
    return statement.bind("leaseUntil", lease.until()).bind("owner", lease.token());
  }

  @Override
  public boolean markSent(UUID id, Lease lease, String recipient, Instant at) {
    return whileHeld(
        id,
        lease,
        """
        status = 'SENT', recipient = :recipient, sent_at = :at, attempts = attempts + 1,
        last_error = NULL, lease_owner = NULL
        """,
        u -> u.bind("recipient", recipient).bind("at", at));
  }

  @Override
  public int markAllSent(List<Sent> sent, Lease lease, Instant at) {
    if (sent.isEmpty()) {
      return 0;
    }
    return transactions.update(
        """
        UPDATE notifications n SET status = 'SENT', recipient = s.recipient, sent_at = :at,
               attempts = n.attempts + 1, last_error = NULL, lease_owner = NULL
        FROM unnest(:ids, :recipients) AS s(id, recipient)
        WHERE n.id = s.id AND n.status = 'PENDING' AND n.lease_owner = :owner
        """,
        u ->
            u.bindArray("ids", UUID.class, sent.stream().map(Sent::id).toList())
                .bindArray("recipients", String.class, sent.stream().map(Sent::recipient).toList())
                .bind("owner", lease.token())
                .bind("at", at));
  }

  @Override
  public boolean scheduleRetry(
      UUID id, Lease lease, int attempts, String error, Instant nextAttempt) {
    return whileHeld(
        id,
        lease,
        """
        attempts = :attempts, last_error = :error, next_attempt_at = :next, lease_owner = NULL
        """,
        u -> u.bind("attempts", attempts).bind("error", error).bind("next", nextAttempt));
  }

  @Override
  public boolean markFailed(UUID id, Lease lease, int attempts, String error) {
    return whileHeld(
        id,
        lease,
        """
        status = 'FAILED', attempts = :attempts, last_error = :error, lease_owner = NULL
        """,
        u -> u.bind("attempts", attempts).bind("error", error));
  }

  /**
   * {@code UPDATE notifications SET <set>} on the message, only while {@code lease} holds it (still
   * pending, its token the owner); true if it did.
   */
  private boolean whileHeld(UUID id, Lease lease, String set, UnaryOperator<Update> binds) {
    return transactions.updatedOne(
        "UPDATE notifications SET "
            + set
            + " WHERE id = :id AND status = 'PENDING' AND lease_owner = :owner",
        u -> binds.apply(u.bind("id", id).bind("owner", lease.token())));
  }

  /**
   * Copies the message's source event to {@code <topic>.dlq} through the outbox, in this
   * transaction.
   */
  @Override
  public void park(UUID notificationId, String reason) {
    var handle = transactions.requireTransaction();
    handle
        .createQuery(
            "SELECT source_topic, source_key, source_type, source_payload FROM notifications WHERE id = :id AND source_topic IS NOT NULL")
        .bind("id", notificationId)
        .map(
            (rs, ctx) ->
                new SourceEvent(
                    null,
                    rs.getString("source_topic"),
                    rs.getString("source_key"),
                    rs.getString("source_type"),
                    rs.getBytes("source_payload")))
        .findOne()
        .ifPresent(
            source ->
                OutboxStore.append(
                    handle,
                    UUID.randomUUID(),
                    source.topic() + ".dlq",
                    source.key() == null ? notificationId.toString() : source.key(),
                    source.type(),
                    source.payload(),
                    Instant.now()));
  }

  @Override
  public List<Notification> listForUser(UserId userId, Optional<OrderId> orderId, int limit) {
    return transactions.list(
        "SELECT "
            + COLUMNS
            + " FROM notifications WHERE user_id = :user AND (CAST(:orderId AS uuid) IS NULL OR order_id = :orderId)"
            + " ORDER BY created_at DESC, id DESC LIMIT :limit",
        q ->
            q.bind("user", userId.value())
                .bind("orderId", orderId.map(OrderId::value).orElse(null))
                .bind("limit", limit),
        JdbiNotificationRepository::toNotification);
  }

  private static Notification toNotification(ResultSet rs, StatementContext ctx)
      throws SQLException {
    UUID user = Columns.uuid(rs, "user_id");
    UUID order = Columns.uuid(rs, "order_id");
    return new Notification(
        Columns.uuid(rs, "id"),
        user == null ? null : new UserId(user),
        order == null ? null : new OrderId(order),
        rs.getString("channel"),
        Template.valueOf(rs.getString("template").toUpperCase(java.util.Locale.ROOT)),
        rs.getString("recipient"),
        rs.getString("subject"),
        rs.getString("text_body"),
        rs.getString("html_body"),
        NotificationStatus.valueOf(rs.getString("status")),
        rs.getInt("attempts"),
        rs.getString("last_error"),
        Columns.instant(rs, "created_at"),
        Columns.instantOrNull(rs, "sent_at"));
  }
}
