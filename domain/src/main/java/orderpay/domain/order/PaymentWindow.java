package orderpay.domain.order;

import java.time.Duration;
import java.time.Instant;

/**
 * How long an order may wait for its payment, checked against how long inventory holds its stock:
 * an order must be paid or expired while its units are still held, so the window has to end before
 * the hold does, with room for the sweeps that act on it.
 */
public record PaymentWindow(Duration paymentTtl, Duration reservationTtl, Duration sweepSlack) {
  public PaymentWindow {
    if (paymentTtl.isNegative() || paymentTtl.isZero()) {
      throw new IllegalArgumentException("ORDER_PAYMENT_TTL must be positive");
    }
    if (paymentTtl.plus(sweepSlack).compareTo(reservationTtl) >= 0) {
      throw new IllegalArgumentException(
          "ORDER_PAYMENT_TTL ("
              + paymentTtl
              + ") plus the sweep interval ("
              + sweepSlack
              + ") must be shorter than INVENTORY_RESERVATION_TTL ("
              + reservationTtl
              + "): an order must be settled while its stock is still held");
    }
  }

  /** The moment after which an order created at {@code createdAt} is never charged. */
  public Instant deadlineFor(Instant createdAt) {
    return createdAt.plus(paymentTtl);
  }

  public boolean isOver(Order order, Instant now) {
    return !now.isBefore(deadlineFor(order.createdAt()));
  }
}
