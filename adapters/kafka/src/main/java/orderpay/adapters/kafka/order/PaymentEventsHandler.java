package orderpay.adapters.kafka.order;

import com.google.protobuf.InvalidProtocolBufferException;
import orderpay.adapters.kafka.EventHandler;
import orderpay.adapters.kafka.PoisonMessage;
import orderpay.adapters.kafka.ReceivedEvent;
import orderpay.adapters.kafka.payment.PaymentStatusUpdates;
import orderpay.contracts.events.v1.PaymentStatusUpdated;
import orderpay.domain.order.HistoryEntry;
import orderpay.domain.order.OrderHistory;
import orderpay.domain.order.PaymentUpdate;
import orderpay.domain.order.SettleOrder;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.OrderId;

/**
 * payment.status-updated -> the order moves (PENDING -> PAID / FAILED, PAID -> REFUNDED), and its
 * history tells which event it applied.
 */
public final class PaymentEventsHandler implements EventHandler {
  private final SettleOrder settle;
  private final OrderHistory history;

  public PaymentEventsHandler(SettleOrder settle, OrderHistory history) {
    this.settle = settle;
    this.history = history;
  }

  @Override
  public void handle(ReceivedEvent event) {
    OrderId orderId;
    PaymentUpdate update;
    try {
      var payload = PaymentStatusUpdated.parseFrom(event.payload());
      orderId = OrderId.parse(payload.getOrderId());
      update = PaymentStatusUpdates.toUpdate(payload);
    } catch (InvalidProtocolBufferException
        | IllegalArgumentException
        | DomainException malformed) {
      throw new PoisonMessage("unreadable payment.status-updated payload", malformed);
    }
    // first, so the history reads cause before effect; the consumer's transaction: the entry
    // commits with the inbox row and the order's move
    history.record(orderId, consumed(event));
    settle.apply(orderId, update);
  }

  static HistoryEntry consumed(ReceivedEvent event) {
    return HistoryEntry.consumed(event.eventType(), event.name(), event.eventId().toString());
  }
}
