package orderpay.domain.payment;

/**
 * Mirrors a Stripe PaymentIntent's life. Changes only move forward: a late or reordered event never
 * undoes a later state (a {@code payment_failed} after {@code succeeded} is ignored). Money that
 * moved at Stripe is always believed: a declined intent can be confirmed again with its client
 * secret and succeed, and a payment we cancelled before its intent was known can turn out to have
 * been charged (a create whose answer was lost), so FAILED and CANCELLED may still become
 * SUCCEEDED; the order then decides whether the money is kept or refunded.
 */
public enum PaymentStatus {
  PENDING,
  REQUIRES_ACTION,
  SUCCEEDED,
  FAILED,
  CANCELLED,
  REFUNDED;

  public boolean canAdvanceTo(PaymentStatus next) {
    return switch (this) {
      case PENDING -> next != PENDING;
      // after 3-D Secure the intent may go back to processing
      case REQUIRES_ACTION ->
          next == PENDING || next == SUCCEEDED || next == FAILED || next == CANCELLED;
      // a declined intent waits for another payment method: it may be confirmed again
      case FAILED ->
          next == PENDING || next == REQUIRES_ACTION || next == SUCCEEDED || next == CANCELLED;
      case SUCCEEDED -> next == REFUNDED;
      case CANCELLED -> next == SUCCEEDED;
      case REFUNDED -> false;
    };
  }

  public boolean isFinal() {
    return switch (this) {
      case PENDING, REQUIRES_ACTION -> false;
      case SUCCEEDED, FAILED, CANCELLED, REFUNDED -> true;
    };
  }
}
