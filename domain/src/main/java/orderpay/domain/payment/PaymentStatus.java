package orderpay.domain.payment;

/**
 * Mirrors a Stripe PaymentIntent's life. Changes only move forward: a late or reordered event never
 * undoes a later state (a {@code payment_failed} after {@code succeeded} is ignored).
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
      // a declined intent is cancelled when the order is compensated
      case FAILED -> next == CANCELLED;
      case SUCCEEDED -> next == REFUNDED;
      case CANCELLED, REFUNDED -> false;
    };
  }

  public boolean isFinal() {
    return switch (this) {
      case PENDING, REQUIRES_ACTION -> false;
      case SUCCEEDED, FAILED, CANCELLED, REFUNDED -> true;
    };
  }
}
