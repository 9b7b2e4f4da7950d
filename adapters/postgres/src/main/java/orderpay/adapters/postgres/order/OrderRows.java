package orderpay.adapters.postgres.order;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.money.Money;
import orderpay.domain.order.Order;
import orderpay.domain.order.OrderLine;
import orderpay.domain.order.OrderPayment;
import orderpay.domain.order.OrderRepository.KeyedOrder;
import orderpay.domain.order.OrderStatus;
import orderpay.domain.order.SagaStep;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.UserId;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * How rows of {@code orders} and {@code order_lines} become orders: the mapping, no SQL of its own.
 */
final class OrderRows {
  static final String COLUMNS =
      "id, user_id, idempotency_key, status, saga_step, shipping_address, payment_method, currency, payment_id,"
          + " payment_status, payment_provider, provider_payment_id, client_secret, failure_reason, created_at, updated_at";
  static final String QUALIFIED_COLUMNS =
      java.util.Arrays.stream(COLUMNS.split(","))
          .map(column -> "o." + column.strip())
          .collect(java.util.stream.Collectors.joining(", "));

  private OrderRows() {}

  /** An order row without its lines yet. */
  record Header(Order.Snapshot snapshot, String currency) {}

  static Header header(ResultSet rs) throws SQLException {
    String paymentId = rs.getString("payment_id");
    var payment =
        paymentId == null
            ? null
            : new OrderPayment(
                paymentId,
                rs.getString("payment_status"),
                rs.getString("payment_provider"),
                rs.getString("provider_payment_id"),
                rs.getString("client_secret"));
    return new Header(
        new Order.Snapshot(
            new OrderId(rs.getObject("id", UUID.class)),
            new UserId(rs.getObject("user_id", UUID.class)),
            rs.getString("idempotency_key"),
            List.of(),
            rs.getString("shipping_address"),
            rs.getString("payment_method"),
            OrderStatus.valueOf(rs.getString("status")),
            SagaStep.valueOf(rs.getString("saga_step")),
            payment,
            rs.getString("failure_reason"),
            rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("updated_at").toInstant()),
        rs.getString("currency"));
  }

  /** A line of an order sold in {@code currency} (the order row holds it, the line does not). */
  static OrderLine line(ResultSet rs, String currency) throws SQLException {
    return new OrderLine(
        new ProductId(rs.getObject("product_id", UUID.class)),
        rs.getString("name"),
        rs.getLong("quantity"),
        Money.of(rs.getLong("unit_price_minor"), currency));
  }

  static Order restore(Header header, List<OrderLine> lines) {
    var s = header.snapshot();
    return Order.restore(
        new Order.Snapshot(
            s.id(),
            s.userId(),
            s.idempotencyKey(),
            lines,
            s.shippingAddress(),
            s.paymentMethod(),
            s.status(),
            s.step(),
            s.payment(),
            s.failureReason(),
            s.createdAt(),
            s.updatedAt()));
  }

  /**
   * Collects one order from the rows of {@code orders LEFT JOIN order_lines}: a row per line, the
   * order's columns (and its request's fingerprint) repeated.
   */
  static final class Joined implements RowMapper<Void> {
    private Header header;
    private String fingerprint;
    private final List<OrderLine> lines = new ArrayList<>();

    @Override
    public Void map(ResultSet rs, StatementContext ctx) throws SQLException {
      if (header == null) {
        header = header(rs);
        fingerprint = rs.getString("request_fingerprint");
      }
      if (rs.getObject("product_id") != null) {
        lines.add(line(rs, header.currency()));
      }
      return null;
    }

    /** The order the rows held; empty if there were none. */
    Optional<KeyedOrder> order() {
      return header == null
          ? Optional.empty()
          : Optional.of(new KeyedOrder(restore(header, lines), fingerprint));
    }
  }
}
