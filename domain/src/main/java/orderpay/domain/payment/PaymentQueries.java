package orderpay.domain.payment;

import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.Reader;

/** Reads of one payment. */
record PaymentQueries(PaymentRepository payments, ProcessedEvents processedEvents) {

  Payment byOrder(OrderId orderId) {
    return payments
        .findByOrder(orderId)
        .orElseThrow(() -> DomainException.notFound("payment", orderId.toString()));
  }

  /** A payment is its payer's (or an admin's) to see; others learn not even that it exists. */
  Payment readById(String paymentId, Reader reader) {
    return payments
        .findById(paymentId)
        .filter(payment -> reader.mayRead(payment.userId()))
        .orElseThrow(() -> DomainException.notFound("payment", paymentId));
  }

  /** The order's payment, to its payer or an admin; as {@link #readById}. */
  Payment readByOrder(OrderId orderId, Reader reader) {
    return payments
        .findByOrder(orderId)
        .filter(payment -> reader.mayRead(payment.userId()))
        // the same answer as for an order without a payment: a stranger learns nothing
        .orElseThrow(() -> DomainException.notFound("payment", orderId.toString()));
  }

  /** The order's payment with the provider's events about it, to its payer or an admin. */
  PaymentActivity activityOf(OrderId orderId, Reader reader) {
    var payment = readByOrder(orderId, reader);
    return new PaymentActivity(
        payment,
        payment.providerPaymentId() == null
            ? java.util.List.of()
            : processedEvents.about(payment.providerPaymentId()));
  }
}
