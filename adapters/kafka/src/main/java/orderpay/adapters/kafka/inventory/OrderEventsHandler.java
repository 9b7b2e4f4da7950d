package orderpay.adapters.kafka.inventory;

import com.google.protobuf.InvalidProtocolBufferException;
import orderpay.adapters.kafka.EventHandler;
import orderpay.adapters.kafka.PoisonMessage;
import orderpay.adapters.kafka.ReceivedEvent;
import orderpay.adapters.kafka.order.OrderEventSerializer;
import orderpay.contracts.events.v1.OrderStatusChanged;
import orderpay.domain.inventory.Inventory;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.OrderId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Order outcomes from Kafka into the inventory's rule for them ({@link Inventory#settle}). */
public final class OrderEventsHandler implements EventHandler {
  private static final Logger log = LoggerFactory.getLogger(OrderEventsHandler.class);
  private final Inventory inventory;

  public OrderEventsHandler(Inventory inventory) {
    this.inventory = inventory;
  }

  @Override
  public void handle(ReceivedEvent event) {
    var outcome =
        OrderEventSerializer.outcomeOf(event.name())
            .orElseThrow(() -> new PoisonMessage("unexpected topic " + event.topic(), null));
    OrderId orderId;
    try {
      orderId = OrderId.parse(OrderStatusChanged.parseFrom(event.payload()).getOrderId());
    } catch (InvalidProtocolBufferException | DomainException malformed) {
      throw new PoisonMessage("unreadable order event", malformed);
    }
    if (inventory.settle(orderId, outcome).isEmpty()) {
      log.warn("{} for order {} changes no stock", event.name(), orderId);
    }
  }
}
