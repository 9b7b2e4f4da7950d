package orderpay.domain.payment;

import java.time.Instant;
import orderpay.domain.money.Money;
import orderpay.domain.shared.DomainEvent;
import orderpay.domain.shared.OrderId;

/**
 * Published as {@code payment.status-updated}; keyed by order id so an order's events stay ordered.
 * An immutable value taken when the payment moved: what that message carries, and nothing the
 * payment keeps to itself (its client secret, its payer).
 */
public record PaymentStatusChanged(PaymentFacts payment, Instant occurredAt)
    implements DomainEvent {
  /** What {@code payment.status-updated} tells of the payment. */
  public record PaymentFacts(
      String id,
      OrderId orderId,
      PaymentStatus status,
      String provider,
      String providerPaymentId,
      Money amount,
      String failureReason) {}

  /** The news of a payment that has just moved, as it stands now. */
  public static PaymentStatusChanged of(Payment moved) {
    return new PaymentStatusChanged(
        new PaymentFacts(
            moved.id(),
            moved.orderId(),
            moved.status(),
            moved.provider(),
            moved.providerPaymentId(),
            moved.amount(),
            moved.failureReason()),
        moved.updatedAt());
  }

  @Override
  public String aggregateId() {
    return payment.orderId().toString();
  }
}
