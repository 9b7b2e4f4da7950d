package orderpay.domain.order;

import orderpay.domain.payment.Payment;
import orderpay.domain.payment.PaymentStatus;

/**
 * What the order service learns about its payment, from a call ({@link Payments}) or from
 * payment.status-updated: read straight from those messages by the adapters, so the payment
 * service's aggregate is never rebuilt in the order service.
 */
public record PaymentUpdate(
    String paymentId,
    PaymentStatus status,
    String provider,
    String providerPaymentId,
    String clientSecret,
    String failureReason) {

  /** From a payment held in this JVM: the domain tests' fake payment service. */
  public static PaymentUpdate of(Payment payment) {
    return new PaymentUpdate(
        payment.id(),
        payment.status(),
        payment.provider(),
        payment.providerPaymentId(),
        payment.clientSecret(),
        payment.failureReason());
  }

  OrderPayment view() {
    return new OrderPayment(paymentId, status.name(), provider, providerPaymentId, clientSecret);
  }
}
