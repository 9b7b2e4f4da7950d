package orderpay.adapters.kafka.order;

import com.google.protobuf.InvalidProtocolBufferException;
import orderpay.adapters.kafka.EventHandler;
import orderpay.adapters.kafka.EventMoney;
import orderpay.adapters.kafka.PoisonMessage;
import orderpay.adapters.kafka.ReceivedEvent;
import orderpay.contracts.events.v1.PaymentStatusUpdated;
import orderpay.domain.order.SettleOrder;
import orderpay.domain.payment.Payment;
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
    var payment =
        new Payment(
            update.getPaymentId(),
            orderId,
            null,
            EventMoney.toDomain(update.getAmount()),
            status,
            "stripe",
            update.getProviderPaymentId().isEmpty() ? null : update.getProviderPaymentId(),
            null,
            update.getFailureReason().isEmpty() ? null : update.getFailureReason(),
            null,
            null);
    settle.apply(orderId, payment);
  }
}
