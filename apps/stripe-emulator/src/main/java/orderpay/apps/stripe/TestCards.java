package orderpay.apps.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Stripe's test payment methods ({@code pm_card_*}) exist here; nothing else does. */
final class TestCards {
  private TestCards() {}

  static boolean isTestCard(String paymentMethod) {
    return paymentMethod.startsWith("pm_card_");
  }

  static ObjectNode paymentMethod(String id) {
    if (!isTestCard(id)) {
      throw StripeError.missing("No such PaymentMethod: '" + id + "'");
    }
    return StripeViews.testCard(id);
  }
}
