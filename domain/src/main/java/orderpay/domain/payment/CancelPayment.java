package orderpay.domain.payment;

import orderpay.domain.shared.OrderId;

/** Cancels an order's payment at the provider, unless it already succeeded. */
public record CancelPayment(
    PaymentRepository payments,
    PaymentProvider provider,
    PaymentQueries queries,
    PaymentChanges changes) {

  /**
   * Cancels the order's intent unless it already succeeded (then the succeeded payment is
   * returned). If we never learned of an intent, the provider is asked for one made for the order
   * (a create whose answer was lost) before the payment is called cancelled; reconciliation keeps
   * looking for a while in case one shows up later.
   */
  public Payment cancel(OrderId orderId) {
    Payment payment = queries.byOrder(orderId);
    switch (payment.status()) {
      case SUCCEEDED, CANCELLED, REFUNDED -> {
        return payment;
      }
      case PENDING, REQUIRES_ACTION, FAILED -> {}
    }
    String intentId = payment.providerPaymentId();
    if (intentId == null) {
      var lost = provider.findByOrder(orderId.toString());
      if (lost.isEmpty()) {
        return changes.record(
            orderId, PaymentStatus.CANCELLED, "cancelled before the intent existed");
      }
      payment = changes.apply(orderId, lost.get());
      intentId = lost.get().providerPaymentId();
      if (payment.status() == PaymentStatus.SUCCEEDED || !payment.isOpenOrFailed()) {
        return payment;
      }
    }
    var cancelled = changes.apply(orderId, provider.cancel(intentId, "orderpay-cancel-" + orderId));
    if (cancelled.status() == PaymentStatus.CANCELLED) {
      payments.markFinalAtProvider(cancelled.id());
    }
    return cancelled;
  }
}
