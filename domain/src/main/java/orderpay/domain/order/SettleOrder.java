package orderpay.domain.order;

import java.time.Clock;
import java.time.Duration;
import orderpay.domain.payment.PaymentStatus;
import orderpay.domain.shared.Backoff;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;
import orderpay.domain.shared.EventPublisher;
import orderpay.domain.shared.OrderId;
import orderpay.domain.shared.Transactions;

/**
 * Moves orders by what happened to their payments: a payment outcome (synchronous or from {@code
 * payment.status-updated}), the end of the payment window, a stuck saga. Each move is one
 * transaction with its event; repeats are no-ops, so redelivered outcomes change nothing.
 */
public final class SettleOrder {
  private static final System.Logger log = System.getLogger(SettleOrder.class.getName());

  private final OrderRepository orders;
  private final Payments payments;
  private final OrderChanges changes;
  private final Clock clock;
  private final Backoff backoff;

  public SettleOrder(
      OrderRepository orders,
      Payments payments,
      FollowUpQueue followUps,
      Transactions transactions,
      EventPublisher events,
      Clock clock,
      Backoff backoff) {
    this.orders = orders;
    this.payments = payments;
    this.changes = new OrderChanges(orders, followUps, transactions, events, clock);
    this.clock = clock;
    this.backoff = backoff;
  }

  /**
   * Applies a payment's current status to its order ({@link Order#settle}). Calls the payment
   * service owes (cancel a declined intent, refund money for an order that is over) are recorded as
   * follow-ups in the same transaction and made after commit: this may run inside a consumer's
   * transaction.
   */
  public Order apply(OrderId orderId, PaymentUpdate payment) {
    // a repeated outcome (sync answer, then its event) changes nothing, so writes nothing
    return changes
        .changeOwingIfPresent(orderId, order -> order.settle(payment, clock))
        .orElse(null);
  }

  /**
   * The inventory service could not commit a paid order's units (its hold ended and they were sold
   * meanwhile, {@code CommitStock} announced {@code CommitRefused}): the order is refunded and the
   * customer told, by a follow-up after this transaction.
   */
  public void stockUnavailable(OrderId orderId) {
    changes.changeOwingIfPresent(orderId, Order::stockUnavailable);
  }

  /** Ends a PENDING order whose payment window is over: cancel the intent, then fail the order. */
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
      return apply(orderId, payment); // it was paid after all
    }
    return changes.change(
        orderId,
        order -> {
          if (order.status() == OrderStatus.PENDING) {
            order.markFailed("payment_expired", clock);
          }
        });
  }

  /**
   * Expires orders created before {@code ttl} ago that are still PENDING; returns how many were
   * looked at. One order that cannot be expired now (its payment service call fails) is retried
   * later with backoff and never holds up the rest of the batch.
   */
  public int expireUnpaid(Duration ttl, int limit) {
    var now = clock.instant();
    var due = orders.findUnpaidSince(now.minus(ttl), now, limit);
    for (Order order : due) {
      try {
        expire(order.id());
      } catch (RuntimeException failure) {
        log.log(
            System.Logger.Level.WARNING,
            "expiring order {0} failed ({1}); retried later",
            order.id(),
            failure.toString());
        orders.deferSweep(
            order.id(),
            "expiry failed: " + failure,
            attempts -> clock.instant().plus(backoff.after(attempts)));
      }
    }
    return due.size();
  }
}
