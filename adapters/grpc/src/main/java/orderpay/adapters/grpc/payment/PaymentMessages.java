package orderpay.adapters.grpc.payment;

import orderpay.adapters.grpc.ProtoMoney;
import orderpay.adapters.grpc.ProtoTime;
import orderpay.contracts.payment.v1.Payment;
import orderpay.contracts.payment.v1.PaymentStatus;
import orderpay.domain.order.PaymentUpdate;

/**
 * The one mapping of payment_service.proto's {@code Payment} and {@code PaymentStatus}, for the
 * payment service that writes them and for every caller that reads them (the order service, the
 * gateway). Enums map by exhaustive switches, never by their names.
 */
public final class PaymentMessages {
  private PaymentMessages() {}

  /** The payment service's answer about one of its payments. */
  public static Payment toProto(orderpay.domain.payment.Payment payment) {
    var proto =
        Payment.newBuilder()
            .setId(payment.id())
            .setOrderId(payment.orderId().toString())
            .setStatus(toProto(payment.status()))
            .setAmount(ProtoMoney.of(payment.amount()))
            .setProvider(payment.provider())
            .setCreatedAt(ProtoTime.of(payment.createdAt()))
            .setUpdatedAt(ProtoTime.of(payment.updatedAt()));
    if (payment.providerPaymentId() != null) {
      proto.setProviderPaymentId(payment.providerPaymentId());
    }
    if (payment.clientSecret() != null) {
      proto.setClientSecret(payment.clientSecret());
    }
    if (payment.failureReason() != null) {
      proto.setFailureReason(payment.failureReason());
    }
    return proto.build();
  }

  /**
   * What the order service learns from an answer: the order context's own view, not the payment
   * service's aggregate (which would need a customer, amounts and times the order has no use for).
   */
  public static PaymentUpdate toUpdate(Payment proto) {
    return new PaymentUpdate(
        proto.getId(),
        toDomain(proto.getStatus()),
        proto.getProvider(),
        emptyToNull(proto.getProviderPaymentId()),
        emptyToNull(proto.getClientSecret()),
        emptyToNull(proto.getFailureReason()));
  }

  public static PaymentStatus toProto(orderpay.domain.payment.PaymentStatus status) {
    return switch (status) {
      case PENDING -> PaymentStatus.PAYMENT_STATUS_PENDING;
      case REQUIRES_ACTION -> PaymentStatus.PAYMENT_STATUS_REQUIRES_ACTION;
      case SUCCEEDED -> PaymentStatus.PAYMENT_STATUS_SUCCEEDED;
      case FAILED -> PaymentStatus.PAYMENT_STATUS_FAILED;
      case CANCELLED -> PaymentStatus.PAYMENT_STATUS_CANCELLED;
      case REFUNDED -> PaymentStatus.PAYMENT_STATUS_REFUNDED;
    };
  }

  /**
   * The status a payment message carries. The payment service always sets one: unset or a number
   * this build does not know (a newer payment service) is refused, not guessed.
   */
  public static orderpay.domain.payment.PaymentStatus toDomain(PaymentStatus status) {
    return switch (status) {
      case PAYMENT_STATUS_PENDING -> orderpay.domain.payment.PaymentStatus.PENDING;
      case PAYMENT_STATUS_REQUIRES_ACTION -> orderpay.domain.payment.PaymentStatus.REQUIRES_ACTION;
      case PAYMENT_STATUS_SUCCEEDED -> orderpay.domain.payment.PaymentStatus.SUCCEEDED;
      case PAYMENT_STATUS_FAILED -> orderpay.domain.payment.PaymentStatus.FAILED;
      case PAYMENT_STATUS_CANCELLED -> orderpay.domain.payment.PaymentStatus.CANCELLED;
      case PAYMENT_STATUS_REFUNDED -> orderpay.domain.payment.PaymentStatus.REFUNDED;
      case PAYMENT_STATUS_UNSPECIFIED, UNRECOGNIZED ->
          throw new IllegalArgumentException(
              "a payment message carries no known status: " + status);
    };
  }

  /** The status as the public API spells it ("SUCCEEDED"): the domain's name for it. */
  public static String statusName(PaymentStatus status) {
    return toDomain(status).name();
  }

  private static String emptyToNull(String value) {
    return value.isEmpty() ? null : value;
  }
}
