package orderpay.adapters.postgres.order;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import orderpay.domain.money.Money;
import orderpay.domain.order.OrderStatus;
import orderpay.domain.order.OrderSummary;
import orderpay.domain.shared.OrderId;
import org.jdbi.v3.core.Handle;

/** Orders' status and total, without their lines, for the reconciliation report. */
final class OrderSummaries {
  private OrderSummaries() {}

  static List<OrderSummary> find(Handle handle, Collection<OrderId> ids, Instant from) {
    return handle
        .createQuery(
            """
            SELECT id, status, total_minor, currency, created_at FROM orders
             WHERE created_at >= :from OR id = ANY(:ids)
             ORDER BY created_at
            """)
        .bind("from", from)
        .bindArray("ids", UUID.class, ids.stream().map(OrderId::value).toList())
        .map(
            (rs, ctx) ->
                new OrderSummary(
                    new OrderId(rs.getObject("id", UUID.class)),
                    OrderStatus.valueOf(rs.getString("status")),
                    Money.of(rs.getLong("total_minor"), rs.getString("currency")),
                    rs.getTimestamp("created_at").toInstant()))
        .list();
  }
}
