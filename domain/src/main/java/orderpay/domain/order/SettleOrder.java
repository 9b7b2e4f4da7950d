package orderpay.domain.order;

import java.time.Clock;
import java.time.Duration;
import orderpay.domain.payment.Payment;
import orderpay.domain.payment.PaymentStatus;
import orderpay.domain.payment.Payments;
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
  private final OrderRepository orders;
  private final Payments payments;
  private final Transactions transactions;
  private final EventPublisher events;
  private final Clock clock;

  public SettleOrder(
      OrderRepository orders,
      Payments payments,
      Transactions transactions,
      EventPublisher events,
      Clock clock) {
    this.orders = orders;
    this.payments = payments;
    this.transactions = transactions;
    this.events = events;
    this.clock = clock;
  }

  private enum FollowUp {
    NONE,
    CANCEL_PAYMENT,
    REFUND_PAYMENT
  }

  /** Applies a payment's current status to its order. */
  public Order apply(OrderId orderId, PaymentUpdate payment) {
    record Result(Order order, FollowUp followUp) {}
    var result =
        transactions.inTransaction(
            () -> {
              var order = orders.findForUpdate(orderId).orElse(null);
              if (order == null) {
                return new Result(null, FollowUp.NONE);
              }
              var before = order.snapshot();
              order.showPayment(payment.view(), clock);
              FollowUp followUp = FollowUp.NONE;
              switch (payment.status()) {
                case SUCCEEDED -> {
                  if (order.status() == OrderStatus.PENDING) {
                    order.markPaid(clock);
                  } else if (order.status() != OrderStatus.PAID
                      && order.status() != OrderStatus.REFUNDED) {
                    followUp =
                        FollowUp.REFUND_PAYMENT; // money for an order that is over: give it back
                  }
                }
                case FAILED -> {
                  if (order.status() == OrderStatus.PENDING) {
                    order.markFailed(reasonOr(payment, "payment_failed"), clock);
                  }
                  followUp = FollowUp.CANCEL_PAYMENT; // so a declined intent cannot be paid later
                }
                case CANCELLED -> {
                  if (order.status() == OrderStatus.PENDING) {
                    order.markFailed("payment_cancelled", clock);
                  }
                }
                case REFUNDED -> {
                  if (order.status() == OrderStatus.PAID) {
                    order.refund(clock);
                  }
                }
                case PENDING, REQUIRES_ACTION -> {}
              }
              if (!order.snapshot().equals(before)) {
                orders.update(
                    order); // a repeated outcome (sync answer, then its event) writes nothing
              }
              order.drainEvents().forEach(events::publish);
              return new Result(order, followUp);
            });
    switch (result.followUp()) {
      case CANCEL_PAYMENT -> payments.cancel(orderId);
      case REFUND_PAYMENT -> payments.refund(orderId);
      case NONE -> {}
    }
    return result.order();
  }

  /** Ends a PENDING order whose payment window is over: cancel the intent, then fail the order. */
  public Order expire(OrderId orderId) {
    Payment payment;
    try {
      payment = payments.cancel(orderId);
    } catch (DomainException e) {
      if (e.kind() != ErrorKind.NOT_FOUND) {
        throw e;
      }
      payment = null; // the saga never got as far as a payment
    }
    if (payment != null && payment.status() == PaymentStatus.SUCCEEDED) {
      return apply(orderId, PaymentUpdate.of(payment)); // it was paid after all
    }
    return transactions.inTransaction(
        () -> {
          var order = orders.findForUpdate(orderId).orElseThrow();
          if (order.status() == OrderStatus.PENDING) {
            order.markFailed("payment_expired", clock);
            orders.update(order);
            order.drainEvents().forEach(events::publish);
          }
          return order;
        });
  }

  /** Expires orders created before {@code ttl} ago that are still PENDING; returns how many. */
  public int expireUnpaid(Duration ttl, int limit) {
    var due = orders.findUnpaidSince(clock.instant().minus(ttl), limit);
    due.forEach(order -> expire(order.id()));
    return due.size();
  }

  private static String reasonOr(PaymentUpdate payment, String fallback) {
    return payment.failureReason() == null || payment.failureReason().isBlank()
        ? fallback
        : payment.failureReason();
  }
}
