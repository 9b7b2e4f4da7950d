package orderpay.domain.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import orderpay.domain.shared.Transactions;
import orderpay.domain.user.Email;
import orderpay.domain.user.UserId;

/**
 * Sends the recorded emails that are due, with retries and backoff, so an SMTP outage delays mail
 * but loses none and blocks no other event; a message out of attempts is parked.
 */
public record DispatchNotifications(
    NotificationRepository notifications,
    UserDirectory users,
    Mailer mailer,
    DeadLetters deadLetters,
    Transactions transactions,
    Leases leases,
    Clock clock,
    Policy policy) {

  /**
   * How often a message is tried, how long it waits between tries (doubling from {@code
   * firstBackoff} up to {@code maxBackoff}), and how long a dispatcher owns a message it claimed.
   */
  public record Policy(
      int maxAttempts, Duration firstBackoff, Duration maxBackoff, Duration lease) {
    public Duration backoff(int attempts) {
      long millis = firstBackoff.toMillis() << Math.min(attempts - 1, 20);
      return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
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
    Lease lease = leases.fresh(now());
    var due = transactions.inTransaction(() -> notifications.claimDue(now(), lease, limit));
    if (due.isEmpty()) {
      return 0;
    }
    var recipients = new HashMap<UserId, Optional<Recipient>>();
    var sent = new ArrayList<NotificationRepository.Sent>();
    Lease held = lease;
    for (Notification notification : due) {
      if (leases.halfSpent(held, now())) {
        var renewed = leases.renewed(lease, now());
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
              if (notifications.markFailed(notification.id(), lease, attempts, error)) {
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

  /** What a failed send records as its error: the message, at most 500 characters. */
  static String describe(RuntimeException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.length() > 500 ? message.substring(0, 500) : message;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
