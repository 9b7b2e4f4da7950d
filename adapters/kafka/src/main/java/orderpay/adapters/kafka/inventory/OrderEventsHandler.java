package orderpay.adapters.kafka.inventory;

import orderpay.adapters.kafka.EventHandler;
import orderpay.adapters.kafka.PoisonMessage;
import orderpay.adapters.kafka.ReceivedEvent;
import orderpay.adapters.kafka.order.OrderEventSerializer;
import orderpay.contracts.events.v1.OrderStatusChanged;
import orderpay.domain.inventory.SettleReservation;
import orderpay.domain.shared.OrderId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Order outcomes from Kafka into the inventory's rule for them ({@link SettleReservation#settle}).
 */
public record OrderEventsHandler(SettleReservation settleReservation) implements EventHandler {
  private static final Logger log = LoggerFactory.getLogger(OrderEventsHandler.class);

  @Override
  public void handle(ReceivedEvent event) {
    var outcome =
        OrderEventSerializer.outcomeOf(event.name())
            .orElseThrow(() -> new PoisonMessage("unexpected topic " + event.topic(), null));
    var orderId =
        event.read(OrderStatusChanged::parseFrom, changed -> OrderId.parse(changed.getOrderId()));
    if (settleReservation.settle(orderId, outcome).isEmpty()) {
      log.warn("{} for order {} changes no stock", event.name(), orderId);
    }
  }
}
