package orderpay.domain.order;

import java.util.Optional;
import java.util.function.Consumer;
import orderpay.domain.shared.EventPublisher;
import orderpay.domain.shared.OrderId;
import orderpay.domain.shared.Transactions;

/**
 * The order's unit of work, written once for every use case that moves a stored order: in one
 * transaction, lock the order, apply the change, store it only if it changed (the repository stores
 * the history the order noted with it, see {@link OrderRepository}), then publish the events the
 * order recorded, so they commit with the change or not at all (the outbox rule). Inside a caller's
 * transaction (a consumer's poll) it joins that one: it never opens a second.
 */
final class OrderChanges {
  private final OrderRepository orders;
  private final Transactions transactions;
  private final EventPublisher events;

  OrderChanges(OrderRepository orders, Transactions transactions, EventPublisher events) {
    this.orders = orders;
    this.transactions = transactions;
    this.events = events;
  }

  /** The order after {@code change}; the order must exist. */
  Order change(OrderId orderId, Consumer<Order> change) {
    return transactions.inTransaction(
        () -> applied(orders.findForUpdate(orderId).orElseThrow(), change));
  }

  /** As {@link #change}, for an order this service may not know: empty (and nothing done) then. */
  Optional<Order> changeIfPresent(OrderId orderId, Consumer<Order> change) {
    return transactions.inTransaction(
        () -> orders.findForUpdate(orderId).map(order -> applied(order, change)));
  }

  private Order applied(Order order, Consumer<Order> change) {
    var before = order.snapshot();
    change.accept(order);
    if (!order.snapshot().equals(before)) {
      orders.update(order); // a repeat (a redelivered outcome, a raced step) writes nothing
    }
    order.drainEvents().forEach(events::publish); // after the row: the same order as ever
    return order;
  }
}
