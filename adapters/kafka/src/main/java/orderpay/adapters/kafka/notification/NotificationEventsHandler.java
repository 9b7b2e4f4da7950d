package orderpay.adapters.kafka.notification;

import com.google.protobuf.InvalidProtocolBufferException;
import orderpay.adapters.kafka.EventHandler;
import orderpay.adapters.kafka.PoisonMessage;
import orderpay.adapters.kafka.ReceivedEvent;
import orderpay.adapters.kafka.order.OrderEventSerializer;
import orderpay.adapters.kafka.user.UserEventSerializer;
import orderpay.contracts.events.v1.OrderCreated;
import orderpay.contracts.events.v1.OrderStatusChanged;
import orderpay.contracts.events.v1.UserRegistered;
import orderpay.domain.money.Money;
import orderpay.domain.notification.EmailTemplates;
import orderpay.domain.notification.Notifications;
import orderpay.domain.notification.SourceEvent;
import orderpay.domain.notification.Template;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.UserId;

/**
 * Turns business events into recorded messages, inside the consumer's transaction: welcome on
 * user.registered, confirmation on order.created, and one message per order outcome.
 */
public final class NotificationEventsHandler implements EventHandler {
  public static final java.util.List<String> TOPICS =
      java.util.List.of(
          UserEventSerializer.USER_REGISTERED,
          OrderEventSerializer.ORDER_CREATED,
          OrderEventSerializer.ORDER_PAID,
          OrderEventSerializer.ORDER_FAILED,
          OrderEventSerializer.ORDER_CANCELLED,
          OrderEventSerializer.ORDER_REFUNDED);

  private final Notifications notifications;
  private final String topicPrefix;

  public NotificationEventsHandler(Notifications notifications, String topicPrefix) {
    this.notifications = notifications;
    this.topicPrefix = topicPrefix;
  }

  @Override
  public void handle(ReceivedEvent event) {
    var source =
        new SourceEvent(
            event.eventId().toString(),
            event.topic(),
            event.key(),
            event.eventType(),
            event.payload());
    try {
      switch (event.topic().substring(topicPrefix.length())) {
        case UserEventSerializer.USER_REGISTERED -> {
          var registered = UserRegistered.parseFrom(event.payload());
          notifications.record(
              source,
              Template.WELCOME,
              UserId.parse(registered.getUserId()),
              null,
              EmailTemplates.welcome());
        }
        case OrderEventSerializer.ORDER_CREATED -> {
          var created = OrderCreated.parseFrom(event.payload());
          var lines =
              created.getLinesList().stream()
                  .map(
                      l -> {
                        var unit = money(l.getUnitPrice());
                        return new EmailTemplates.Line(
                            l.getName(), l.getQuantity(), unit, unit.times(l.getQuantity()));
                      })
                  .toList();
          notifications.record(
              source,
              Template.ORDER_CONFIRMATION,
              UserId.parse(created.getUserId()),
              OrderId.parse(created.getOrderId()),
              EmailTemplates.orderConfirmation(
                  created.getOrderId(), lines, money(created.getTotal())));
        }
        case OrderEventSerializer.ORDER_PAID -> outcome(source, event, Template.PAYMENT_SUCCEEDED);
        case OrderEventSerializer.ORDER_FAILED -> outcome(source, event, Template.PAYMENT_FAILED);
        case OrderEventSerializer.ORDER_CANCELLED ->
            outcome(source, event, Template.ORDER_CANCELLED);
        case OrderEventSerializer.ORDER_REFUNDED -> outcome(source, event, Template.ORDER_REFUNDED);
        default -> throw new PoisonMessage("unexpected topic " + event.topic(), null);
      }
    } catch (InvalidProtocolBufferException | DomainException malformed) {
      throw new PoisonMessage("unreadable " + event.topic() + " payload", malformed);
    }
  }

  private void outcome(SourceEvent source, ReceivedEvent event, Template template)
      throws InvalidProtocolBufferException {
    var changed = OrderStatusChanged.parseFrom(event.payload());
    if (template == Template.PAYMENT_FAILED
        && changed.getFailureReason().equals("insufficient_stock")) {
      return; // the order was refused on the spot; there was no payment to tell about
    }
    String orderId = changed.getOrderId();
    var content =
        switch (template) {
          case PAYMENT_SUCCEEDED ->
              EmailTemplates.paymentSucceeded(orderId, money(changed.getTotal()));
          case PAYMENT_FAILED -> EmailTemplates.paymentFailed(orderId, changed.getFailureReason());
          case ORDER_CANCELLED -> EmailTemplates.orderCancelled(orderId);
          default -> EmailTemplates.orderRefunded(orderId, money(changed.getTotal()));
        };
    notifications.record(
        source, template, UserId.parse(changed.getUserId()), OrderId.parse(orderId), content);
  }

  private static Money money(orderpay.contracts.common.v1.Money money) {
    return Money.of(money.getAmountMinor(), money.getCurrency());
  }
}
