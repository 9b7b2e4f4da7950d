package orderpay.domain.notification;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import orderpay.domain.shared.IdGenerator;
import orderpay.domain.shared.OrderId;
import orderpay.domain.shared.Transactions;
import orderpay.domain.user.UserId;

/**
 * The notification service's use cases. Recording happens inside the consumer's transaction (one
 * message per event and template, whatever the redeliveries); sending happens afterwards, from the
 * outbox-like table, with retries and backoff, so an SMTP outage delays mail but loses none and
 * blocks no other event.
 *
 * <p>Behind this facade: {@link RecordNotification} (recording), {@link DispatchNotifications}
 * (sending emails), {@link SendSms}.
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
  private final IdGenerator ids;
  private final RecordNotification recording;
  private final DispatchNotifications dispatching;
  private final SendSms sms;

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
    this.ids = ids;
    var leases = new Leases(ids, policy.lease());
    this.recording = new RecordNotification(notifications, transactions, ids, clock);
    this.dispatching =
        new DispatchNotifications(
            notifications, users, mailer, deadLetters, transactions, leases, clock, policy);
    this.sms = new SendSms(notifications, sms, transactions, ids, leases, clock);
  }

  /** Records an email for an event, once per (event, template), in the consumer's transaction. */
  public Notification record(
      SourceEvent source,
      Template template,
      UserId userId,
      OrderId orderId,
      EmailTemplates.Content content) {
    return recording.record(source, template, userId, orderId, content);
  }

  /** Records the email that tells how an order ended, once per event (none for lack of stock). */
  public Optional<Notification> orderOutcome(
      SourceEvent source,
      orderpay.domain.shared.OrderOutcome outcome,
      UserId userId,
      OrderId orderId,
      orderpay.domain.money.Money total,
      String failureReason) {
    return recording.orderOutcome(source, outcome, userId, orderId, total, failureReason);
  }

  /** An ad-hoc email, idempotent per key. */
  public Notification sendEmail(
      String idempotencyKey, UserId userId, String to, String subject, String text, String html) {
    return recording.customEmail(idempotencyKey, userId, to, subject, text, html);
  }

  /** Sends an SMS at once and records the outcome. */
  public Notification sendSms(
      String idempotencyKey, UserId userId, String phoneNumber, String body) {
    return sms.send(idempotencyKey, userId, phoneNumber, body);
  }

  /** Sends the emails that are due, a batch under one lease; returns how many were claimed. */
  public int dispatchDue(int limit) {
    return dispatching.dispatchDue(limit);
  }

  public List<Notification> list(UserId userId, Optional<OrderId> orderId) {
    return notifications.listForUser(userId, orderId, 200);
  }

  /**
   * The messages of {@code customer} (about one order if given), to that customer or an admin; to
   * anyone else there are none.
   */
  public List<Notification> listOf(
      UserId customer, Optional<OrderId> orderId, orderpay.domain.user.Reader reader) {
    return reader.mayRead(customer) ? list(customer, orderId) : List.of();
  }

  /** A stable id for messages that need one before they are recorded. */
  public UUID newId() {
    return ids.newId();
  }
}
