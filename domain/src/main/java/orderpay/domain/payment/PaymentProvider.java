package orderpay.domain.payment;

import orderpay.domain.money.Money;

/** The card processor (Stripe). Every write carries an idempotency key. */
public interface PaymentProvider {
  /** The provider's view of an intent, already mapped onto our statuses. */
  record Intent(
      String providerPaymentId, PaymentStatus status, String clientSecret, String failureReason) {}

  /**
   * An intent as the provider lists it, for reconciliation: its status in the provider's own words
   * ({@code succeeded}, {@code requires_payment_method}, ...), its {@code metadata.order_id} (null
   * if it has none), and how much of its charge was refunded.
   */
  record ListedIntent(
      String providerPaymentId,
      String orderId,
      String providerStatus,
      Money amount,
      long amountRefunded,
      java.time.Instant createdAt) {}

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

  /** Every intent created at or after {@code from}, newest first, through all pages. */
  java.util.List<ListedIntent> listCreatedSince(java.time.Instant from);

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
