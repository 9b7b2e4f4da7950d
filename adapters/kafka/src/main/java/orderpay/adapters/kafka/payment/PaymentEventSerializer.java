package orderpay.adapters.kafka.payment;

import static orderpay.adapters.kafka.KafkaTopics.PAYMENT_STATUS_UPDATED;

import orderpay.adapters.kafka.EventMoney;
import orderpay.adapters.postgres.messaging.EventSerializer;
import orderpay.contracts.events.v1.PaymentStatusUpdated;
import orderpay.domain.payment.PaymentStatusChanged;
import orderpay.domain.shared.DomainEvent;

public final class PaymentEventSerializer implements EventSerializer {
  @Override
  public Serialized serialize(DomainEvent event) {
    if (!(event instanceof PaymentStatusChanged changed)) {
      throw new IllegalArgumentException(
          "the payment service does not publish " + event.getClass());
    }
    var payment = changed.payment();
    var payload =
        PaymentStatusUpdated.newBuilder()
            .setPaymentId(payment.id())
            .setOrderId(payment.orderId().toString())
            .setStatus(payment.status().name())
            .setProvider(payment.provider())
            .setAmount(EventMoney.of(payment.amount()));
    if (payment.providerPaymentId() != null) {
      payload.setProviderPaymentId(payment.providerPaymentId());
    }
    if (payment.failureReason() != null) {
      payload.setFailureReason(payment.failureReason());
    }
    return new Serialized(
        PAYMENT_STATUS_UPDATED, "PaymentStatusUpdated", payload.build().toByteArray());
  }
}
