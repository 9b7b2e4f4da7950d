package orderpay.domain.payment;

import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.OrderId;

/** Refunds an order's succeeded payment in full; a refunded one stays as it is. */
public record RefundPayment(
    PaymentProvider provider, PaymentQueries queries, PaymentChanges changes) {

  public Payment refund(OrderId orderId) {
    Payment payment = queries.byOrder(orderId);
    return switch (payment.status()) {
      case REFUNDED -> payment;
      case SUCCEEDED ->
          changes.apply(
              orderId, provider.refund(payment.providerPaymentId(), "orderpay-refund-" + orderId));
      case PENDING, REQUIRES_ACTION, FAILED, CANCELLED ->
          throw DomainException.invalidState(
              "payment for order " + orderId + " is " + payment.status() + ", nothing to refund");
    };
  }
}
