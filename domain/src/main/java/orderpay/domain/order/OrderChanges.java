package orderpay.domain.order;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import orderpay.domain.shared.EventPublisher;
import orderpay.domain.shared.OrderId;
import orderpay.domain.shared.Transactions;

/**
 * The order's unit of work, written once for every use case that moves a stored order: in one
 * transaction, lock the order, apply the change, record the calls to the payment service it owes as
 * follow-ups (run after commit, see {@link RunFollowUps}), store it only if it changed (the
 * repository stores the history the order noted with it, see {@link OrderRepository}), then publish
 * the events the order recorded, so they commit with the change or not at all (the outbox rule).
 * Inside a caller's transaction (a consumer's poll) it joins that one: it never opens a second.
 */
record OrderChanges(
    OrderRepository orders,
    FollowUpQueue followUps,
    Transactions transactions,
    EventPublisher events,
    Clock clock) {

  /** For changes that owe nothing: {@link #changeOwing} is refused. */
  OrderChanges(OrderRepository orders, Transactions transactions, EventPublisher events) {
    this(orders, null, transactions, events, null);
  }

  /** The order after {@code change}; the order must exist. */
  Order change(OrderId orderId, Consumer<Order> change) {
    return changeOwing(orderId, owingNothing(change));
  }

  /** As {@link #change}, for an order this service may not know: empty (and nothing done) then. */
  Optional<Order> changeIfPresent(OrderId orderId, Consumer<Order> change) {
    return changeOwingIfPresent(orderId, owingNothing(change));
  }

  /** As {@link #change}, for a rule of {@link Order} that returns the follow-ups it owes. */
  Order changeOwing(OrderId orderId, Function<Order, List<FollowUpAction>> change) {
    return transactions.inTransaction(
        () -> applied(orders.findForUpdate(orderId).orElseThrow(), change));
  }

  /** As {@link #changeIfPresent}, for a rule that returns the follow-ups it owes. */
  Optional<Order> changeOwingIfPresent(
      OrderId orderId, Function<Order, List<FollowUpAction>> change) {
    return transactions.inTransaction(
        () -> orders.findForUpdate(orderId).map(order -> applied(order, change)));
  }

  private Order applied(Order order, Function<Order, List<FollowUpAction>> change) {
    var before = order.snapshot();
    var owed = change.apply(order);
    if (!owed.isEmpty()) {
      Objects.requireNonNull(followUps, "this unit of work records no follow-ups");
      owed.forEach(action -> followUps.schedule(order.id(), action, clock.instant()));
    }
    if (!order.snapshot().equals(before)) {
      orders.update(order); // a repeat (a redelivered outcome, a raced step) writes nothing
    }
    order.drainEvents().forEach(events::publish); // after the row: the same order as ever
    return order;
  }

  private static Function<Order, List<FollowUpAction>> owingNothing(Consumer<Order> change) {
    return order -> {
      change.accept(order);
      return List.of();
    };
  }
}
