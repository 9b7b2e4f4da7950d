package orderpay.domain.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;
import orderpay.domain.shared.IdGenerator;
import orderpay.domain.shared.OrderId;
import orderpay.domain.shared.Transactions;
import orderpay.domain.user.Email;
import orderpay.domain.user.UserId;

/**
 * The notification service's use cases. Recording happens inside the consumer's transaction (one
 * message per event and template, whatever the redeliveries); sending happens afterwards, from the
 * outbox-like table, with retries and backoff, so an SMTP outage delays mail but loses none and
 * blocks no other event.
 */
public final class Notifications {
  public record Policy(
      int maxAttempts, Duration firstBackoff, Duration maxBackoff, Duration lease) {
    public Duration backoff(int attempts) {
      long millis = firstBackoff.toMillis() << Math.min(attempts - 1, 20);
      return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
  }

  private final NotificationRepository notifications;
  private final UserDirectory users;
  private final Mailer mailer;
  private final SmsSender sms;
  private final DeadLetters deadLetters;
  private final Transactions transactions;
  private final IdGenerator ids;
  private final Clock clock;
  private final Policy policy;

  public Notifications(
      NotificationRepository notifications,
      UserDirectory users,
      Mailer mailer,
      SmsSender sms,
      DeadLetters deadLetters,
      Transactions transactions,
      IdGenerator ids,
      Clock clock,
      Policy policy) {
    this.notifications = notifications;
    this.users = users;
    this.mailer = mailer;
    this.sms = sms;
    this.deadLetters = deadLetters;
    this.transactions = transactions;
    this.ids = ids;
    this.clock = clock;
    this.policy = policy;
  }

  /**
   * Records an email for an event, once per (event, template). Call inside the consumer's
   * transaction; the recipient's address is resolved when it is sent.
   */
  public Notification record(
      SourceEvent source,
      Template template,
      UserId userId,
      OrderId orderId,
      EmailTemplates.Content content) {
    return record(
        source.eventId() + ":" + template.wireName(),
        template,
        userId,
        orderId,
        null,
        content,
        Optional.of(source));
  }

  /**
   * Tells the customer how their order ended, once per event. An order refused for lack of stock
   * never reached payment (the customer was told on the spot): no message.
   */
  public Optional<Notification> orderOutcome(
      SourceEvent source,
      orderpay.domain.shared.OrderOutcome outcome,
      UserId userId,
      OrderId orderId,
      orderpay.domain.money.Money total,
      String failureReason) {
    String id = orderId.toString();
    return switch (outcome) {
      case PAID ->
          Optional.of(
              record(
                  source,
                  Template.PAYMENT_SUCCEEDED,
                  userId,
                  orderId,
                  EmailTemplates.paymentSucceeded(id, total)));
      case FAILED ->
          "insufficient_stock".equals(failureReason)
              ? Optional.empty()
              : Optional.of(
                  record(
                      source,
                      Template.PAYMENT_FAILED,
                      userId,
                      orderId,
                      EmailTemplates.paymentFailed(id, failureReason)));
      case CANCELLED ->
          Optional.of(
              record(
                  source,
                  Template.ORDER_CANCELLED,
                  userId,
                  orderId,
                  EmailTemplates.orderCancelled(id)));
      case REFUNDED ->
          Optional.of(
              record(
                  source,
                  Template.ORDER_REFUNDED,
                  userId,
                  orderId,
                  EmailTemplates.orderRefunded(id, total)));
    };
  }

  /** An ad-hoc email, idempotent per key. */
  public Notification sendEmail(
      String idempotencyKey, UserId userId, String to, String subject, String text, String html) {
    var address = Email.parse(to);
    if (subject == null || subject.isBlank() || subject.length() > 300) {
      throw DomainException.invalidField("subject", "subject is required (at most 300 characters)");
    }
    if (text == null || text.isBlank() || text.length() > 100_000) {
      throw DomainException.invalidField(
          "text_body", "text_body is required (at most 100000 characters)");
    }
    String key =
        "custom:"
            + (idempotencyKey == null || idempotencyKey.isBlank() ? ids.newId() : idempotencyKey);
    return transactions.inTransaction(
        () ->
            record(
                key,
                Template.CUSTOM,
                userId,
                null,
                address.value(),
                EmailTemplates.custom(subject, text, html),
                Optional.empty()));
  }

  private Notification record(
      String dedupKey,
      Template template,
      UserId userId,
      OrderId orderId,
      String to,
      EmailTemplates.Content content,
      Optional<SourceEvent> source) {
    var notification =
        new Notification(
            ids.newId(),
            userId,
            orderId,
            "email",
            template,
            to,
            content.subject(),
            content.text(),
            content.html(),
            NotificationStatus.PENDING,
            0,
            null,
            now(),
            null);
    return notifications.addIfAbsent(notification, dedupKey, source)
        ? notification
        : notifications.findByDedupKey(dedupKey).orElseThrow();
  }

  /**
   * Sends an SMS at once and records the outcome; refused outright where no SMS gateway is set up.
   */
  public Notification sendSms(
      String idempotencyKey, UserId userId, String phoneNumber, String body) {
    if (!sms.isConfigured()) {
      throw new DomainException(
          ErrorKind.INVALID_STATE, "failed_precondition", "sms channel not configured");
    }
    if (phoneNumber == null || !phoneNumber.matches("\\+[1-9][0-9]{6,14}")) {
      throw DomainException.invalidField(
          "to", "to must be a phone number in E.164 form, e.g. +4915112345678");
    }
    if (body == null || body.isBlank() || body.length() > 1600) {
      throw DomainException.invalidField("body", "body is required (at most 1600 characters)");
    }
    String key =
        "sms:"
            + (idempotencyKey == null || idempotencyKey.isBlank() ? ids.newId() : idempotencyKey);
    var existing = notifications.findByDedupKey(key);
    if (existing.isPresent()) {
      return existing.get();
    }
    var pending =
        new Notification(
            ids.newId(),
            userId,
            null,
            "sms",
            Template.SMS,
            phoneNumber,
            "",
            body,
            "",
            NotificationStatus.PENDING,
            0,
            null,
            now(),
            null);
    if (!transactions.inTransaction(
        () -> notifications.addIfAbsent(pending, key, Optional.empty()))) {
      return notifications.findByDedupKey(key).orElseThrow();
    }
    Lease lease = newLease();
    if (!transactions.inTransaction(() -> notifications.claim(pending.id(), now(), lease))) {
      return notifications.findByDedupKey(key).orElseThrow();
    }
    try {
      sms.send(phoneNumber, body);
      transactions.run(() -> notifications.markSent(pending.id(), lease, phoneNumber, now()));
    } catch (RuntimeException e) {
      transactions.run(() -> notifications.markFailed(pending.id(), lease, 1, describe(e), now()));
      throw new DomainException(
          ErrorKind.UNAVAILABLE, "unavailable", "the SMS gateway refused the message");
    }
    return notifications.findByDedupKey(key).orElseThrow();
  }

  /**
   * Sends what is due. The batch is claimed under one lease in one transaction, each recipient is
   * asked of the user service once per batch, and the messages sent are marked in one transaction
   * at the end, conditional on the lease: a few statements per batch instead of a few per message.
   * Before each send the lease is renewed if half of it is spent (a slow SMTP server), so a batch
   * that would outlive it leaves messages another dispatcher took over to that dispatcher instead
   * of sending them twice. A crash between a send and the marking sends that message again after
   * the lease, with the same Message-ID (ADR 0006). Returns how many were claimed.
   */
  public int dispatchDue(int limit) {
    Lease lease = newLease();
    var due = transactions.inTransaction(() -> notifications.claimDue(now(), lease, limit));
    if (due.isEmpty()) {
      return 0;
    }
    var recipients = new HashMap<UserId, Optional<Recipient>>();
    var sent = new ArrayList<NotificationRepository.Sent>();
    Lease held = lease;
    for (Notification notification : due) {
      if (held.until().minus(policy.lease().dividedBy(2)).isBefore(now())) {
        var renewed = new Lease(lease.token(), now().plus(policy.lease()));
        if (!transactions.inTransaction(
            () -> notifications.claim(notification.id(), now(), renewed))) {
          continue; // finished meanwhile, or another dispatcher holds it now
        }
        held = renewed;
      }
      deliver(notification, lease, recipients).ifPresent(sent::add);
    }
    if (!sent.isEmpty()) {
      transactions.run(() -> notifications.markAllSent(sent, lease, now()));
    }
    return due.size();
  }

  private Lease newLease() {
    return new Lease(ids.newId(), now().plus(policy.lease()));
  }

  /** Sends one message; on failure schedules its retry (or gives up) and returns empty. */
  private Optional<NotificationRepository.Sent> deliver(
      Notification notification, Lease lease, Map<UserId, Optional<Recipient>> recipients) {
    int attempts = notification.attempts() + 1;
    try {
      Recipient recipient = resolve(notification, recipients);
      mailer.send(
          new EmailMessage(
              notification.id().toString(),
              recipient.email(),
              notification.subject(),
              EmailTemplates.personalise(notification.textBody(), recipient.name(), false),
              EmailTemplates.personalise(notification.htmlBody(), recipient.name(), true)));
      return Optional.of(
          new NotificationRepository.Sent(notification.id(), recipient.email().value()));
    } catch (RuntimeException failure) {
      String error = describe(failure);
      if (attempts >= policy.maxAttempts()) {
        transactions.run(
            () -> {
              if (notifications.markFailed(notification.id(), lease, attempts, error, now())) {
                deadLetters.park(notification.id(), error);
              }
            });
      } else {
        transactions.run(
            () ->
                notifications.scheduleRetry(
                    notification.id(),
                    lease,
                    attempts,
                    error,
                    now().plus(policy.backoff(attempts))));
      }
      return Optional.empty();
    }
  }

  private Recipient resolve(
      Notification notification, Map<UserId, Optional<Recipient>> recipients) {
    var user =
        notification.userId() == null
            ? Optional.<Recipient>empty()
            : recipients.computeIfAbsent(notification.userId(), users::find);
    if (notification.recipient() != null) {
      return new Recipient(
          Email.parse(notification.recipient()), user.map(Recipient::name).orElse("customer"));
    }
    return user.orElseThrow(
        () -> new IllegalStateException("user " + notification.userId() + " not found"));
  }

  public List<Notification> list(UserId userId, Optional<OrderId> orderId) {
    return notifications.listForUser(userId, orderId, 200);
  }

  private static String describe(RuntimeException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.length() > 500 ? message.substring(0, 500) : message;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** A stable id for messages that need one before they are recorded. */
  public UUID newId() {
    return ids.newId();
  }
}
