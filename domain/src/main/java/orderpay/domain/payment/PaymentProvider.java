package orderpay.domain.payment;

import orderpay.domain.money.Money;

/** The card processor (Stripe). Every call carries an idempotency key. */
public interface PaymentProvider {
  record Intent(
      String providerPaymentId, PaymentStatus status, String clientSecret, String failureReason) {}

  Intent createIntent(String idempotencyKey, Money amount, String paymentMethod, String orderId);

  Intent retrieve(String providerPaymentId);

  Intent cancel(String providerPaymentId, String idempotencyKey);

  Intent refund(String providerPaymentId, String idempotencyKey);
}
