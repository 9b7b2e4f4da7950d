package orderpay.domain.order;

import orderpay.domain.money.Money;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.UserId;

/**
 * Outbound port of the order service onto the payment service. Idempotent per order + attempt.
 * Answers in the order context's own terms ({@link PaymentUpdate}), never the payment service's
 * aggregate: that one lives in another process and is not rebuilt here.
 */
public interface Payments {
  PaymentUpdate initiate(
      OrderId orderId, UserId userId, Money amount, String paymentMethod, int attempt);

  /** Cancels unless already succeeded; returns the payment as it stands afterwards. */
  PaymentUpdate cancel(OrderId orderId);

  PaymentUpdate refund(OrderId orderId);

  /**
   * Refuses (INVALID_ARGUMENT, field {@code payment_method}) a payment method the provider does not
   * know, before an order is stored or stock reserved for it.
   */
  void checkPaymentMethod(String paymentMethod);
}
