package orderpay.domain.order;

import java.time.Clock;
import orderpay.domain.shared.EventPublisher;
import orderpay.domain.shared.OrderId;
import orderpay.domain.shared.Transactions;

/**
 * Moves orders by news of their payment and their stock: a payment outcome (synchronous or from
 * {@code payment.status-updated}), units a paid order cannot get ({@code
 * inventory.commit-refused}). Each move is one transaction with its event; repeats are no-ops, so
 * redelivered news changes nothing. The end of the payment window is {@link ExpireUnpaidOrders}.
 */
public final class SettleOrder {
  private final OrderChanges changes;

  public SettleOrder(
      OrderRepository orders,
      FollowUpQueue followUps,
      Transactions transactions,
      EventPublisher events,
      Clock clock) {
    this.changes = new OrderChanges(orders, followUps, transactions, events, clock);
  }

  /** The unit of work it moves orders with, shared by {@link ExpireUnpaidOrders}. */
  OrderChanges changes() {
    return changes;
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
        .changeOwingIfPresent(orderId, order -> order.settle(payment, changes.clock()))
        .orElse(null);
  }

  /**
   * The inventory service could not commit a paid order's units (its hold ended and they were sold
   * meanwhile, {@code CommitStock} announced {@code CommitRefused}): the order is refunded and the
   * customer told, by a follow-up after this transaction. Kept here, beside {@link #apply}: both
   * are news an event brings about an order's settlement, and both apply a rule of {@link Order}.
   */
  public void stockUnavailable(OrderId orderId) {
    changes.changeOwingIfPresent(orderId, Order::stockUnavailable);
  }
}
