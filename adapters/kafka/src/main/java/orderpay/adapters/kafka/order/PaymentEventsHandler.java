package orderpay.adapters.kafka.order;

import orderpay.adapters.kafka.EventHandler;
import orderpay.adapters.kafka.ReceivedEvent;
import orderpay.adapters.kafka.payment.PaymentStatusUpdates;
import orderpay.contracts.events.v1.PaymentStatusUpdated;
import orderpay.domain.order.HistoryEntry;
import orderpay.domain.order.OrderHistory;
import orderpay.domain.order.PaymentUpdate;
import orderpay.domain.order.SettleOrder;
import orderpay.domain.shared.OrderId;

/**
 * payment.status-updated -> the order moves (PENDING -> PAID / FAILED, PAID -> REFUNDED), and its
 * history tells which event it applied.
 */
public record PaymentEventsHandler(SettleOrder settle, OrderHistory history)
    implements EventHandler {
  private record Settlement(OrderId orderId, PaymentUpdate update) {}

  @Override
  public void handle(ReceivedEvent event) {
    var settlement =
        event.read(
            PaymentStatusUpdated::parseFrom,
            payload ->
                new Settlement(
                    OrderId.parse(payload.getOrderId()), PaymentStatusUpdates.toUpdate(payload)));
    // first, so the history reads cause before effect; the consumer's transaction: the entry
    // commits with the inbox row and the order's move
    history.record(settlement.orderId(), consumed(event));
    settle.apply(settlement.orderId(), settlement.update());
  }

  static HistoryEntry consumed(ReceivedEvent event) {
    return HistoryEntry.consumed(event.eventType(), event.name(), event.eventId().toString());
  }
}
