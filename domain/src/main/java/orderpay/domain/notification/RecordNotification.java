package orderpay.domain.notification;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.IdGenerator;
import orderpay.domain.shared.OrderId;
import orderpay.domain.shared.Transactions;
import orderpay.domain.user.Email;
import orderpay.domain.user.UserId;

/**
 * Records emails to send, PENDING, once per dedup key: per (event, template) for the events'
 * messages, per idempotency key for ad-hoc ones. {@link DispatchNotifications} sends them.
 */
record RecordNotification(
    NotificationRepository notifications, Transactions transactions, IdGenerator ids, Clock clock) {

  /**
   * Records an email for an event, once per (event, template). Call inside the consumer's
   * transaction; the recipient's address is resolved when it is sent.
   */
  Notification record(
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
  Optional<Notification> orderOutcome(
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
  Notification customEmail(
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

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
