package orderpay.domain.testing;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.money.Money;
import orderpay.domain.order.FollowUpQueue;
import orderpay.domain.order.Order;
import orderpay.domain.order.OrderHistory;
import orderpay.domain.order.OrderLine;
import orderpay.domain.order.OrderRepository;
import orderpay.domain.shared.OrderId;
import orderpay.domain.shared.Transactions;
import orderpay.domain.user.UserId;

/**
 * The order service's stores over one database (or one memory), for the contracts of its ports: the
 * repository and the follow-up queue tell the same history and join the same transactions.
 */
public record OrderStores(
    OrderRepository orders,
    FollowUpQueue followUps,
    OrderHistory history,
    Transactions transactions) {

  /** The stores in memory, stamped by {@code clock}. */
  public static OrderStores inMemory(Clock clock) {
    var history = new InMemoryOrderHistory(clock);
    return new OrderStores(
        new InMemoryOrderRepository(history),
        new InMemoryFollowUps(history),
        history,
        new InMemoryTransactions(history));
  }

  /** A new order of {@code user} (two teapots, a mug), placed now by {@code clock}, not stored. */
  public static Order placed(UserId user, String idempotencyKey, Clock clock) {
    return Order.place(
        new OrderId(UUID.randomUUID()),
        user,
        idempotencyKey,
        List.of(
            new OrderLine(new ProductId(UUID.randomUUID()), "Teapot", 2, Money.of(2500, "EUR")),
            new OrderLine(new ProductId(UUID.randomUUID()), "Mug", 1, Money.of(450, "EUR"))),
        "1 Main St",
        null,
        clock);
  }

  /** {@link #placed} and stored, in a transaction of its own. */
  public Order stored(UserId user, String idempotencyKey, Clock clock) {
    var order = placed(user, idempotencyKey, clock);
    transactions.run(() -> orders.addIfAbsent(order, "fingerprint of " + order.id()));
    return order;
  }

  /** Moves the stored order as a use case would, in a transaction of its own. */
  public Order change(OrderId id, java.util.function.Consumer<Order> transition) {
    return transactions.inTransaction(
        () -> {
          var order = orders.findForUpdate(id).orElseThrow();
          transition.accept(order);
          orders.update(order);
          return order;
        });
  }
}
