package orderpay.domain.payment;

import java.time.Instant;
import orderpay.domain.shared.DomainEvent;

/**
 * Published as {@code payment.status-updated}; keyed by order id so an order's events stay ordered.
 */
public record PaymentStatusChanged(Payment payment, Instant occurredAt) implements DomainEvent {
  @Override
  public String aggregateId() {
    return payment.orderId().toString();
  }
}
