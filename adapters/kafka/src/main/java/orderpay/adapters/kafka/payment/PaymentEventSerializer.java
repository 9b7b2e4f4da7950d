package orderpay.adapters.kafka.payment;

import static orderpay.adapters.kafka.KafkaTopics.PAYMENT_STATUS_UPDATED;

import orderpay.adapters.postgres.messaging.EventSerializer;
import orderpay.domain.payment.PaymentStatusChanged;
import orderpay.domain.shared.DomainEvent;

public final class PaymentEventSerializer implements EventSerializer {
  @Override
  public Serialized serialize(DomainEvent event) {
    if (!(event instanceof PaymentStatusChanged changed)) {
      throw new IllegalArgumentException(
          "the payment service does not publish " + event.getClass());
    }
    return new Serialized(
        PAYMENT_STATUS_UPDATED,
        "PaymentStatusUpdated",
        PaymentStatusUpdates.toEvent(changed.payment()).toByteArray());
  }
}
