package orderpay.adapters.postgres.order;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import orderpay.adapters.postgres.order.OrderRows.Header;
import orderpay.domain.order.Order;
import orderpay.domain.order.OrderLine;
import org.jdbi.v3.core.Handle;

/**
 * The statements of {@code order_lines}: an order's lines are written with the order, and read in
 * one statement for a whole page of orders.
 */
final class OrderLines {
  private OrderLines() {}

  static void insert(Handle h, Order.Snapshot s) {
    var batch =
        h.prepareBatch(
            """
            INSERT INTO order_lines (order_id, line_no, product_id, name, quantity, unit_price_minor)
            VALUES (:order, :no, :product, :name, :q, :price)
            """);
    int no = 0;
    for (OrderLine line : s.lines()) {
      batch
          .bind("order", s.id().value())
          .bind("no", no++)
          .bind("product", line.productId().value())
          .bind("name", line.name())
          .bind("q", line.quantity())
          .bind("price", line.unitPrice().amountMinor())
          .add();
    }
    batch.execute();
  }

  /** The orders of {@code headers}, in their order, each with its lines. */
  static List<Order> attachTo(Handle h, List<Header> headers) {
    if (headers.isEmpty()) {
      return List.of();
    }
    Map<UUID, List<OrderLine>> lines = new LinkedHashMap<>();
    Map<UUID, String> currencies = new LinkedHashMap<>();
    headers.forEach(
        header -> {
          lines.put(header.snapshot().id().value(), new ArrayList<>());
          currencies.put(header.snapshot().id().value(), header.currency());
        });
    h.createQuery(
            """
            SELECT order_id, product_id, name, quantity, unit_price_minor FROM order_lines
            WHERE order_id = ANY(:ids) ORDER BY order_id, line_no
            """)
        .bindArray("ids", UUID.class, List.copyOf(lines.keySet()))
        .map(
            (rs, ctx) -> {
              UUID orderId = rs.getObject("order_id", UUID.class);
              lines.get(orderId).add(OrderRows.line(rs, currencies.get(orderId)));
              return null;
            })
        .list();
    return headers.stream()
        .map(header -> OrderRows.restore(header, lines.get(header.snapshot().id().value())))
        .toList();
  }
}
