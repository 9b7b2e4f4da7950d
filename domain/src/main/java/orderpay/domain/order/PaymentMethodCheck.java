package orderpay.domain.order;

import orderpay.domain.shared.BoundedMemory;

/**
 * Refuses a payment method the payment service does not accept, before an order is stored. Accepted
 * methods are remembered: checked once, not on every order (a gRPC call). The payment service
 * decides at the charge anyway; this check only turns a typo into a 400.
 */
final class PaymentMethodCheck {
  private final BoundedMemory<String, Boolean> acceptedPaymentMethods = new BoundedMemory<>(10_000);
  private final Payments payments;

  PaymentMethodCheck(Payments payments) {
    this.payments = payments;
  }

  void check(String paymentMethod) {
    if (!acceptedPaymentMethods.knows(paymentMethod)) {
      payments.checkPaymentMethod(paymentMethod);
      acceptedPaymentMethods.remember(paymentMethod, true);
    }
  }
}
