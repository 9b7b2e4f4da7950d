package orderpay.adapters.kafka.payment;

import orderpay.adapters.kafka.EventMoney;
import orderpay.contracts.events.v1.PaymentStatusUpdated;
import orderpay.domain.order.PaymentUpdate;
import orderpay.domain.payment.PaymentStatus;
import orderpay.domain.payment.PaymentStatusChanged.PaymentFacts;

/**
 * The one mapping of events.proto's {@code PaymentStatusUpdated}: written by the payment service,
 * read by the order service straight into its own {@link PaymentUpdate}. The status travels twice
 * for consumers of either version: as the {@code payment_status} enum and as the deprecated {@code
 * status} string (the domain's name), which is read only when the enum is unset or unknown.
 */
public final class PaymentStatusUpdates {
  private PaymentStatusUpdates() {}

  public static PaymentStatusUpdated toEvent(PaymentFacts payment) {
    var event =
        PaymentStatusUpdated.newBuilder()
            .setPaymentId(payment.id())
            .setOrderId(payment.orderId().toString())
            .setPaymentStatus(toEvent(payment.status()))
            .setStatus(payment.status().name()) // for consumers built before payment_status
            .setProvider(payment.provider())
            .setAmount(EventMoney.of(payment.amount()));
    if (payment.providerPaymentId() != null) {
      event.setProviderPaymentId(payment.providerPaymentId());
    }
    if (payment.failureReason() != null) {
      event.setFailureReason(payment.failureReason());
    }
    return event.build();
  }

  /** What the order service learns; throws IllegalArgumentException if no status is readable. */
  public static PaymentUpdate toUpdate(PaymentStatusUpdated event) {
    return new PaymentUpdate(
        event.getPaymentId(),
        statusOf(event),
        event.getProvider(),
        emptyToNull(event.getProviderPaymentId()),
        null, // events carry no client secret: the order keeps the one it has
        emptyToNull(event.getFailureReason()));
  }

  /** The enum when the producer wrote one this build knows, else the older string field. */
  static PaymentStatus statusOf(PaymentStatusUpdated event) {
    return switch (event.getPaymentStatus()) {
      case STATUS_PENDING -> PaymentStatus.PENDING;
      case STATUS_REQUIRES_ACTION -> PaymentStatus.REQUIRES_ACTION;
      case STATUS_SUCCEEDED -> PaymentStatus.SUCCEEDED;
      case STATUS_FAILED -> PaymentStatus.FAILED;
      case STATUS_CANCELLED -> PaymentStatus.CANCELLED;
      case STATUS_REFUNDED -> PaymentStatus.REFUNDED;
      // a producer older than payment_status, or one newer than this build: the string decides
      case STATUS_UNSPECIFIED, UNRECOGNIZED -> PaymentStatus.valueOf(event.getStatus());
    };
  }

  private static PaymentStatusUpdated.Status toEvent(PaymentStatus status) {
    return switch (status) {
      case PENDING -> PaymentStatusUpdated.Status.STATUS_PENDING;
      case REQUIRES_ACTION -> PaymentStatusUpdated.Status.STATUS_REQUIRES_ACTION;
      case SUCCEEDED -> PaymentStatusUpdated.Status.STATUS_SUCCEEDED;
      case FAILED -> PaymentStatusUpdated.Status.STATUS_FAILED;
      case CANCELLED -> PaymentStatusUpdated.Status.STATUS_CANCELLED;
      case REFUNDED -> PaymentStatusUpdated.Status.STATUS_REFUNDED;
    };
  }

  private static String emptyToNull(String value) {
    return value.isEmpty() ? null : value;
  }
}
