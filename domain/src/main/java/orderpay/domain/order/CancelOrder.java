package orderpay.domain.order;

import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import orderpay.domain.payment.PaymentStatus;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;
import orderpay.domain.shared.EventPublisher;
import orderpay.domain.shared.OrderId;
import orderpay.domain.shared.Transactions;
import orderpay.domain.user.Reader;

/**
 * PENDING -> CANCELLED (the intent is cancelled first, so it cannot succeed afterwards); PAID ->
 * REFUNDED (the refund is issued first). Stock goes back when inventory sees the event.
 */
public record CancelOrder(
    OrderQueries queries,
    Payments payments,
    SettleOrder settle,
    FollowUpQueue followUps,
    Transactions transactions,
    OrderChanges changes,
    Clock clock) {
  public CancelOrder(
      OrderQueries queries,
      OrderRepository orders,
      Payments payments,
      SettleOrder settle,
      FollowUpQueue followUps,
      Transactions transactions,
      EventPublisher events,
      Clock clock) {
    this(
        queries,
        payments,
        settle,
        followUps,
        transactions,
        new OrderChanges(orders, followUps, transactions, events, clock),
        clock);
  }

  public Order cancel(OrderId orderId, Reader reader) {
    Order order = queries.get(orderId, reader);
    return switch (order.status()) {
      case PENDING -> cancelPending(order);
      case PAID -> refund(orderId);
      case FAILED, CANCELLED, REFUNDED ->
          throw DomainException.invalidState(
              "order " + orderId + " is " + order.status() + ", nothing to cancel");
    };
  }

  private Order cancelPending(Order order) {
    if (order.payment().isPresent()) {
      var payment = payments.cancel(order.id());
      if (payment.status() == PaymentStatus.SUCCEEDED) {
        settle.apply(order.id(), payment); // it was paid meanwhile: a cancellation is now a refund
        return refund(order.id());
      }
    }
    // no payment yet, or cancelled: an intent being made meanwhile is cancelled after commit
    return transition(order.id(), OrderStatus.PENDING, o -> o.cancelUnpaid(clock));
  }

  private Order refund(OrderId orderId) {
    PaymentUpdate refunded;
    try {
      refunded = payments.refund(orderId);
    } catch (RuntimeException notKnown) {
      keepRefunding(orderId);
      throw notKnown;
    }
    if (refunded.status() != PaymentStatus.REFUNDED) {
      keepRefunding(orderId);
      throw new DomainException(
          ErrorKind.UNAVAILABLE, "unavailable", "the refund did not go through, try again");
    }
    return transition(
        orderId,
        OrderStatus.PAID,
        o -> {
          o.refund(clock);
          return List.of(); // the refund is made already
        });
  }

  /**
   * A refund whose answer was lost may have been made: it is asked again after commit until it is
   * known (the same refund, idempotent at Stripe); the payment's REFUNDED news then settles the
   * order as REFUNDED. Without this, a lost answer and a lost webhook left a PAID order whose money
   * was given back.
   */
  private void keepRefunding(OrderId orderId) {
    transactions.run(
        () -> followUps.schedule(orderId, FollowUpAction.REFUND_PAYMENT, clock.instant()));
  }

  private Order transition(
      OrderId orderId, OrderStatus from, Function<Order, List<FollowUpAction>> change) {
    return changes.changeOwing(
        orderId,
        order -> {
          if (order.status() == from) {
            return change.apply(order);
          } else if (order.status() != OrderStatus.CANCELLED
              && order.status() != OrderStatus.REFUNDED) {
            throw DomainException.invalidState("order " + orderId + " became " + order.status());
          }
          // already CANCELLED or REFUNDED (a concurrent cancel won): the same answer, no write
          return List.of();
        });
  }
}
