package orderpay.adapters.postgres.order;

import java.time.Clock;
import orderpay.adapters.postgres.ContractDatabase;
import orderpay.domain.testing.OrderStores;

/** The order service's stores in PostgreSQL, for the contracts of its ports. */
final class PostgresOrderStores {
  private PostgresOrderStores() {}

  static ContractDatabase database() {
    return new ContractDatabase(
        "order", "order_follow_ups", "order_lines", "orders", "order_history");
  }

  /** The stores over {@code database}, emptied; the history stamped by {@code clock}. */
  static OrderStores emptied(ContractDatabase database, Clock clock) {
    var transactions = database.emptied();
    var history = new JdbiOrderHistory(transactions, clock);
    return new OrderStores(
        new JdbiOrderRepository(transactions, history),
        new JdbiFollowUpQueue(transactions, history),
        history,
        transactions);
  }
}
