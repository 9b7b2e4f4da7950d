package orderpay.domain.order;

import java.time.Duration;
import orderpay.domain.payment.PaymentStatus;
import orderpay.domain.shared.Backoff;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;
import orderpay.domain.shared.OrderId;

/**
 * Ends PENDING orders whose payment window is over: the intent is cancelled first (so it cannot
 * succeed afterwards), then the order fails, unless the cancel finds it paid after all. Moves
 * orders through the same unit of work as {@link SettleOrder}, which settles a paid one.
 */
public record ExpireUnpaidOrders(Payments payments, SettleOrder settle, Backoff backoff) {

  /**
   * Expires orders created before {@code ttl} ago that are still PENDING; returns how many were
   * looked at. One order that cannot be expired now (its payment service call fails) is retried
   * later with backoff and never holds up the rest of the batch.
   */
  public int expireDue(Duration ttl, int limit) {
    var changes = settle.changes();
    var now = changes.clock().instant();
    var due = changes.orders().findUnpaidSince(now.minus(ttl), now, limit);
    var retries = new SweepRetries(changes.orders(), changes.clock(), backoff);
    for (Order order : due) {
      try {
        expire(order.id());
      } catch (RuntimeException failure) {
        retries.later(order.id(), "expiring", "expiry", failure);
      }
    }
    return due.size();
  }

  /** One order now, as the sweep would later (an admin's retry, {@link RecoverOrders#retryNow}). */
  public Order expire(OrderId orderId) {
    PaymentUpdate payment;
    try {
      payment = payments.cancel(orderId);
    } catch (DomainException e) {
      if (e.kind() != ErrorKind.NOT_FOUND) {
        throw e;
      }
      payment = null; // the saga never got as far as a payment
    }
    if (payment != null && payment.status() == PaymentStatus.SUCCEEDED) {
      return settle.apply(orderId, payment); // it was paid after all
    }
    var changes = settle.changes();
    return changes.change(
        orderId,
        order -> {
          if (order.status() == OrderStatus.PENDING) {
            order.markFailed("payment_expired", changes.clock());
          }
        });
  }
}
