package orderpay.domain.order;

import orderpay.domain.payment.PaymentStatus;

/** What an order shows of its payment. */
public record OrderPayment(
    String id, String status, String provider, String providerPaymentId, String clientSecret) {

  /**
   * Payment news arrives out of order (the webhook before the answer that started the payment, a
   * decline after a success): a view whose status cannot follow the shown one is older, and the
   * order keeps showing the newer state. True if {@code latest} may replace {@code shown} (null
   * when nothing is shown yet).
   */
  static boolean isNewer(OrderPayment latest, OrderPayment shown) {
    if (shown == null
        || !java.util.Objects.equals(shown.id(), latest.id())
        || shown.status().equals(latest.status())) {
      return true;
    }
    try {
      return PaymentStatus.valueOf(shown.status())
          .canAdvanceTo(PaymentStatus.valueOf(latest.status()));
    } catch (IllegalArgumentException unknownStatus) {
      return true;
    }
  }

  /** This view, but a view without a client secret keeps the one {@code shown} has. */
  OrderPayment keepingSecretOf(OrderPayment shown) {
    if (clientSecret == null && shown != null) {
      return new OrderPayment(id, status, provider, providerPaymentId, shown.clientSecret());
    }
    return this;
  }

  /** The payment as the order's history names it. */
  String describe() {
    return id + " " + status + " at " + provider;
  }
}
