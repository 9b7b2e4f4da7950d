package orderpay.domain.notification;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;
import orderpay.domain.shared.IdGenerator;
import orderpay.domain.shared.Transactions;
import orderpay.domain.user.UserId;

/** An SMS is sent by the request that records it, never by the dispatchers, once per key. */
public record SendSms(
    NotificationRepository notifications,
    SmsSender sms,
    Transactions transactions,
    IdGenerator ids,
    Leases leases,
    Clock clock) {

  /**
   * Sends an SMS at once and records the outcome; refused outright where no SMS gateway is set up.
   */
  public Notification send(String idempotencyKey, UserId userId, String phoneNumber, String body) {
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
    Lease lease = leases.fresh(now());
    if (!transactions.inTransaction(() -> notifications.claim(pending.id(), now(), lease))) {
      return notifications.findByDedupKey(key).orElseThrow();
    }
    try {
      sms.send(phoneNumber, body);
      transactions.run(() -> notifications.markSent(pending.id(), lease, phoneNumber, now()));
    } catch (RuntimeException e) {
      transactions.run(
          () ->
              notifications.markFailed(pending.id(), lease, 1, DispatchNotifications.describe(e)));
      throw new DomainException(
          ErrorKind.UNAVAILABLE, "unavailable", "the SMS gateway refused the message");
    }
    return notifications.findByDedupKey(key).orElseThrow();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
