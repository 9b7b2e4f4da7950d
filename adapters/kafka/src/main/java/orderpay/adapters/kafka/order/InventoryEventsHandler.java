package orderpay.adapters.kafka.order;

import com.google.protobuf.InvalidProtocolBufferException;
import orderpay.adapters.kafka.EventHandler;
import orderpay.adapters.kafka.PoisonMessage;
import orderpay.adapters.kafka.ReceivedEvent;
import orderpay.contracts.events.v1.CommitRefused;
import orderpay.domain.order.OrderHistory;
import orderpay.domain.order.SettleOrder;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.OrderId;

/** inventory.commit-refused -> the paid order whose units are gone is refunded. */
public final class InventoryEventsHandler implements EventHandler {
  private final SettleOrder settle;
  private final OrderHistory history;

  public InventoryEventsHandler(SettleOrder settle, OrderHistory history) {
    this.settle = settle;
    this.history = history;
  }

  @Override
  public void handle(ReceivedEvent event) {
    OrderId orderId;
    try {
      orderId = OrderId.parse(CommitRefused.parseFrom(event.payload()).getOrderId());
    } catch (InvalidProtocolBufferException | DomainException malformed) {
      throw new PoisonMessage("unreadable inventory.commit-refused payload", malformed);
    }
    history.record(orderId, PaymentEventsHandler.consumed(event));
    settle.stockUnavailable(orderId);
  }
}
