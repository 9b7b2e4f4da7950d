package orderpay.adapters.stripe;

import com.stripe.model.PaymentIntent;
import orderpay.domain.payment.PaymentStatus;

/** Stripe's PaymentIntent statuses on our scale. */
final class StripeStatuses {
  private StripeStatuses() {}

  static PaymentStatus of(PaymentIntent intent) {
    return switch (intent.getStatus()) {
      case "succeeded" -> PaymentStatus.SUCCEEDED;
      case "canceled" -> PaymentStatus.CANCELLED;
      case "requires_action" -> PaymentStatus.REQUIRES_ACTION;
      // after a decline the intent waits for another payment method: for us the attempt failed
      case "requires_payment_method" ->
          intent.getLastPaymentError() != null ? PaymentStatus.FAILED : PaymentStatus.PENDING;
      default -> PaymentStatus.PENDING; // requires_confirmation, processing, requires_capture
    };
  }

  static String failureReason(PaymentIntent intent) {
    var error = intent.getLastPaymentError();
    if (error == null) {
      return null;
    }
    return error.getDeclineCode() != null ? error.getDeclineCode() : error.getCode();
  }
}
