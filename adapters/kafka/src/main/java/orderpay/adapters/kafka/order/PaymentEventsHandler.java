package orderpay.adapters.kafka.order;

import com.google.protobuf.InvalidProtocolBufferException;
import orderpay.adapters.kafka.EventHandler;
import orderpay.adapters.kafka.PoisonMessage;
import orderpay.adapters.kafka.ReceivedEvent;
import orderpay.contracts.events.v1.PaymentStatusUpdated;
import orderpay.domain.order.PaymentUpdate;
import orderpay.domain.order.SettleOrder;
import orderpay.domain.payment.PaymentStatus;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.OrderId;

/** payment.status-updated -> the order moves (PENDING -> PAID / FAILED, PAID -> REFUNDED). */
public final class PaymentEventsHandler implements EventHandler {
  private final SettleOrder settle;

  public PaymentEventsHandler(SettleOrder settle) {
    this.settle = settle;
  }

  @Override
  public void handle(ReceivedEvent event) {
    PaymentStatusUpdated update;
    OrderId orderId;
    PaymentStatus status;
    try {
      update = PaymentStatusUpdated.parseFrom(event.payload());
      orderId = OrderId.parse(update.getOrderId());
      status = PaymentStatus.valueOf(update.getStatus());
    } catch (InvalidProtocolBufferException
        | IllegalArgumentException
        | DomainException malformed) {
      throw new PoisonMessage("unreadable payment.status-updated payload", malformed);
    }
    settle.apply(
        orderId,
        new PaymentUpdate(
            update.getPaymentId(),
            status,
            update.getProvider(),
            emptyToNull(update.getProviderPaymentId()),
            null, // events carry no client secret: the order keeps the one it has
            emptyToNull(update.getFailureReason())));
  }

  private static String emptyToNull(String value) {
    return value.isEmpty() ? null : value;
  }
}
