package orderpay.domain.notification;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import orderpay.domain.shared.IdGenerator;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.UserId;

/**
 * Records the emails business events owe, PENDING, once per (event, template) whatever the
 * redeliveries: inside the consumer's transaction. {@link DispatchNotifications} sends them; ad-hoc
 * emails come through {@link SendEmail}, recorded here once per idempotency key.
 */
public record RecordNotification(
    NotificationRepository notifications, IdGenerator ids, Clock clock) {

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
    return recordOnce(
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
  public Optional<Notification> recordOutcome(
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

  /** Records an email once per dedup key; the one recorded first if the key is taken. */
  Notification recordOnce(
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
