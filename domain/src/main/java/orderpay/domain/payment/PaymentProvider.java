package orderpay.domain.payment;

import orderpay.domain.money.Money;

/** The card processor (Stripe). Every write carries an idempotency key. */
public interface PaymentProvider {
  /** The provider's view of an intent, already mapped onto our statuses. */
  record Intent(
      String providerPaymentId, PaymentStatus status, String clientSecret, String failureReason) {}

  String name();

  /**
   * Creates (and with a payment method, confirms) an intent; a decline is a FAILED intent, not an
   * error.
   */
  Intent createIntent(String idempotencyKey, Money amount, String paymentMethod, String orderId);

  Intent retrieve(String providerPaymentId);

  /**
   * The intent made for an order, found by its {@code metadata.order_id}: a create whose answer was
   * lost still shows up here.
   */
  java.util.Optional<Intent> findByOrder(String orderId);

  /** Whether the provider knows this payment method id. */
  boolean paymentMethodExists(String paymentMethod);

  /** Cancels; an intent that already succeeded is returned as it is. */
  Intent cancel(String providerPaymentId, String idempotencyKey);

  /** Refunds a succeeded intent in full. */
  Intent refund(String providerPaymentId, String idempotencyKey);

  /**
   * Passes the 3-D Secure challenge of an intent the way a customer does in test mode, where the
   * provider lets a server do that (the local emulator); empty where it does not (Stripe itself:
   * there the customer authenticates in Stripe.js).
   */
  default java.util.Optional<Intent> completeTestAuthentication(String providerPaymentId) {
    return java.util.Optional.empty();
  }
}
