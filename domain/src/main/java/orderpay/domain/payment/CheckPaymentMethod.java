package orderpay.domain.payment;

import orderpay.domain.shared.BoundedMemory;
import orderpay.domain.shared.DomainException;

/**
 * Refuses a payment method the provider does not know, before an order is placed with it. Known
 * ones are remembered, so a busy card costs the provider one call.
 */
public final class CheckPaymentMethod {
  private final BoundedMemory<String, Boolean> knownPaymentMethods = new BoundedMemory<>(10_000);
  private final PaymentProvider provider;

  public CheckPaymentMethod(PaymentProvider provider) {
    this.provider = provider;
  }

  /** Throws an invalid {@code payment_method} unless the provider knows it (null: none given). */
  public void check(String paymentMethod) {
    if (paymentMethod == null || knownPaymentMethods.knows(paymentMethod)) {
      return;
    }
    if (!provider.paymentMethodExists(paymentMethod)) {
      throw DomainException.invalidField(
          "payment_method", "unknown payment_method " + paymentMethod);
    }
    knownPaymentMethods.remember(paymentMethod, true);
  }
}
