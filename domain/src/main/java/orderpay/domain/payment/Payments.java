package orderpay.domain.payment;

import orderpay.domain.money.Money;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.UserId;

/** Outbound port of the order service onto the payment service. Idempotent per order + attempt. */
public interface Payments {
  Payment initiate(OrderId orderId, UserId userId, Money amount, String paymentMethod, int attempt);

  /** Cancels unless already succeeded; returns the payment as it stands afterwards. */
  Payment cancel(OrderId orderId);

  Payment refund(OrderId orderId);

  /**
   * Refuses (INVALID_ARGUMENT, field {@code payment_method}) a payment method the provider does not
   * know, before an order is stored or stock reserved for it.
   */
  void checkPaymentMethod(String paymentMethod);
}
