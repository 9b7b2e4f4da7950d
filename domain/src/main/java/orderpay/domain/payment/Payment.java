package orderpay.domain.payment;

import java.time.Instant;
import orderpay.domain.money.Money;
import orderpay.domain.order.OrderId;

/** A payment for one order, following its provider intent forward only. */
public record Payment(
    String id,
    OrderId orderId,
    Money amount,
    PaymentStatus status,
    String provider,
    String providerPaymentId,
    String failureReason,
    Instant createdAt,
    Instant updatedAt) {

  /** Returns the payment after the provider reported {@code next}, or this one if not forward. */
  public Payment advance(PaymentStatus next, String reason, Instant now) {
    if (!status.canAdvanceTo(next)) {
      return this;
    }
    return new Payment(
        id, orderId, amount, next, provider, providerPaymentId, reason, createdAt, now);
  }
}
