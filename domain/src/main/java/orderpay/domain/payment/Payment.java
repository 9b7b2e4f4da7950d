package orderpay.domain.payment;

import java.time.Instant;
import orderpay.domain.money.Money;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.UserId;

/** A payment for one order, following its provider intent forward only. */
public record Payment(
    String id,
    OrderId orderId,
    UserId userId,
    Money amount,
    PaymentStatus status,
    String provider,
    String providerPaymentId,
    String clientSecret,
    String failureReason,
    Instant createdAt,
    Instant updatedAt) {

  /** Returns the payment after the provider reported {@code next}, or this one if not forward. */
  public Payment advance(PaymentStatus next, String reason, Instant now) {
    if (!status.canAdvanceTo(next)) {
      return this;
    }
    return new Payment(
        id,
        orderId,
        userId,
        amount,
        next,
        provider,
        providerPaymentId,
        clientSecret,
        reason,
        createdAt,
        now);
  }

  public Payment withIntent(String intentId, String secret, Instant now) {
    return new Payment(
        id,
        orderId,
        userId,
        amount,
        status,
        provider,
        intentId,
        secret,
        failureReason,
        createdAt,
        now);
  }

  public boolean isOpen() {
    return !status.isFinal();
  }

  /** Open, or declined but still payable at the provider until its intent is cancelled. */
  public boolean isOpenOrFailed() {
    return isOpen() || status == PaymentStatus.FAILED;
  }
}
