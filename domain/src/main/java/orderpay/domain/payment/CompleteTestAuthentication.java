package orderpay.domain.payment;

import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.Reader;

/**
 * The payer passes the 3-D Secure challenge of their payment in test mode (a storefront's stand-in
 * for Stripe.js's challenge, against the local emulator). Only the payer may: anyone else, admins
 * included, is told there is no such payment. The provider's answer is applied at once, so the
 * payment is SUCCEEDED when this returns; the order follows through {@code payment.status-updated}.
 */
public record CompleteTestAuthentication(
    PaymentRepository payments, PaymentProvider provider, PaymentChanges changes) {

  public Payment complete(OrderId orderId, Reader reader) {
    Payment payment =
        payments
            .findByOrder(orderId)
            .filter(p -> reader.customer().map(p.userId()::equals).orElse(false))
            .orElseThrow(() -> DomainException.notFound("payment", orderId.toString()));
    if (payment.status() != PaymentStatus.REQUIRES_ACTION || payment.providerPaymentId() == null) {
      throw DomainException.invalidState(
          "payment for order "
              + orderId
              + " is "
              + payment.status()
              + ", it awaits no authentication");
    }
    var intent =
        provider
            .completeTestAuthentication(payment.providerPaymentId())
            .orElseThrow(
                () ->
                    DomainException.invalidState(
                        "this payment provider authenticates the card in its own page"
                            + " (Stripe.js), not through this API"));
    return changes.apply(orderId, intent);
  }
}
