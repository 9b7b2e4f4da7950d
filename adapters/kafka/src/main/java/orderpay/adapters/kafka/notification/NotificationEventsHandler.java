package orderpay.adapters.kafka.notification;

import com.google.protobuf.InvalidProtocolBufferException;
import orderpay.adapters.kafka.EventHandler;
import orderpay.adapters.kafka.EventMoney;
import orderpay.adapters.kafka.KafkaTopics;
import orderpay.adapters.kafka.PoisonMessage;
import orderpay.adapters.kafka.ReceivedEvent;
import orderpay.adapters.kafka.order.OrderEventSerializer;
import orderpay.contracts.events.v1.OrderCreated;
import orderpay.contracts.events.v1.OrderStatusChanged;
import orderpay.contracts.events.v1.UserRegistered;
import orderpay.domain.notification.EmailTemplates;
import orderpay.domain.notification.RecordNotification;
import orderpay.domain.notification.SourceEvent;
import orderpay.domain.notification.Template;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.UserId;

/**
 * Turns business events into recorded messages, inside the consumer's transaction: welcome on
 * user.registered, confirmation on order.created, and one message per order outcome (the topics of
 * {@link KafkaTopics#NOTIFICATION_EVENTS}).
 */
public record NotificationEventsHandler(RecordNotification recording) implements EventHandler {
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
      switch (event.name()) {
        case KafkaTopics.USER_REGISTERED -> {
          var registered = UserRegistered.parseFrom(event.payload());
          recording.record(
              source,
              Template.WELCOME,
              UserId.parse(registered.getUserId()),
              null,
              EmailTemplates.welcome());
        }
        case KafkaTopics.ORDER_CREATED -> {
          var created = OrderCreated.parseFrom(event.payload());
          var lines =
              created.getLinesList().stream()
                  .map(
                      l -> {
                        var unit = EventMoney.toDomain(l.getUnitPrice());
                        return new EmailTemplates.Line(
                            l.getName(), l.getQuantity(), unit, unit.times(l.getQuantity()));
                      })
                  .toList();
          recording.record(
              source,
              Template.ORDER_CONFIRMATION,
              UserId.parse(created.getUserId()),
              OrderId.parse(created.getOrderId()),
              EmailTemplates.orderConfirmation(
                  created.getOrderId(), lines, EventMoney.toDomain(created.getTotal())));
        }
        default -> {
          var outcome =
              OrderEventSerializer.outcomeOf(event.name())
                  .orElseThrow(() -> new PoisonMessage("unexpected topic " + event.topic(), null));
          var changed = OrderStatusChanged.parseFrom(event.payload());
          recording.recordOutcome(
              source,
              outcome,
              UserId.parse(changed.getUserId()),
              OrderId.parse(changed.getOrderId()),
              EventMoney.toDomain(changed.getTotal()),
              changed.getFailureReason());
        }
      }
    } catch (InvalidProtocolBufferException | DomainException malformed) {
      throw new PoisonMessage("unreadable " + event.topic() + " payload", malformed);
    }
  }
}
