package orderpay.adapters.kafka.inventory;

import com.google.protobuf.InvalidProtocolBufferException;
import orderpay.adapters.kafka.EventHandler;
import orderpay.adapters.kafka.PoisonMessage;
import orderpay.adapters.kafka.ReceivedEvent;
import orderpay.adapters.kafka.order.OrderEventSerializer;
import orderpay.contracts.events.v1.OrderStatusChanged;
import orderpay.domain.inventory.Inventory;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;
import orderpay.domain.shared.OrderId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stock follows the order's fate: paid -> commit, failed/cancelled -> release, refunded -> back on
 * the shelf. Each applies once (the inbox and the reservation's own state machine); events of
 * different topics may arrive out of order, so an ending that no longer applies is logged, not
 * retried.
 */
public final class OrderEventsHandler implements EventHandler {
  private static final Logger log = LoggerFactory.getLogger(OrderEventsHandler.class);
  private final Inventory inventory;
  private final String topicPrefix;

  public OrderEventsHandler(Inventory inventory, String topicPrefix) {
    this.inventory = inventory;
    this.topicPrefix = topicPrefix;
  }

  @Override
  public void handle(ReceivedEvent event) {
    OrderId orderId;
    try {
      orderId = OrderId.parse(OrderStatusChanged.parseFrom(event.payload()).getOrderId());
    } catch (InvalidProtocolBufferException | DomainException malformed) {
      throw new PoisonMessage("unreadable order event", malformed);
    }
    String topic = event.topic().substring(topicPrefix.length());
    try {
      switch (topic) {
        case OrderEventSerializer.ORDER_PAID -> inventory.commit(orderId);
        case OrderEventSerializer.ORDER_FAILED, OrderEventSerializer.ORDER_CANCELLED ->
            inventory.release(orderId);
        case OrderEventSerializer.ORDER_REFUNDED -> inventory.returnStock(orderId);
        default -> throw new PoisonMessage("unexpected topic " + event.topic(), null);
      }
    } catch (DomainException e) {
      if (e.kind() == ErrorKind.NOT_FOUND || e.kind() == ErrorKind.INVALID_STATE) {
        // e.g. an order that failed before anything was reserved, or a paid order whose hold
        // expired
        log.warn("{} for order {} changes no stock: {}", topic, orderId, e.getMessage());
        return;
      }
      throw e;
    }
  }
}
