package orderpay.adapters.kafka.order;

import orderpay.adapters.kafka.EventHandler;
import orderpay.adapters.kafka.ReceivedEvent;
import orderpay.contracts.events.v1.CommitRefused;
import orderpay.domain.order.OrderHistory;
import orderpay.domain.order.SettleOrder;
import orderpay.domain.shared.OrderId;

/** inventory.commit-refused -> the paid order whose units are gone is refunded. */
public record InventoryEventsHandler(SettleOrder settle, OrderHistory history)
    implements EventHandler {
  @Override
  public void handle(ReceivedEvent event) {
    var orderId =
        event.read(CommitRefused::parseFrom, refused -> OrderId.parse(refused.getOrderId()));
    history.record(orderId, PaymentEventsHandler.consumed(event));
    settle.stockUnavailable(orderId);
  }
}
