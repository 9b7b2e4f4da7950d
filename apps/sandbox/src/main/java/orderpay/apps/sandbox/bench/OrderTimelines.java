package orderpay.apps.sandbox.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Where an order's time went, from the timestamps the services already record: the order row
 * (placed, last changed = PAID), the reservation (held, committed), the payment (created, confirmed
 * at Stripe) and the two emails (queued, sent). All come from one PostgreSQL server's clock.
 */
final class OrderTimelines {
  /** One order's milestones; null where the system has not recorded it (yet). */
  record Timeline(
      Instant placed,
      String status,
      Instant outcome,
      Instant held,
      String reservation,
      Instant committed,
      Instant paymentCreated,
      Instant paymentConfirmed,
      int emailsSent,
      Instant emailsQueued,
      Instant emailsDone) {

    /** PAID, its units committed and both emails (confirmation and receipt) sent. */
    boolean complete() {
      return "PAID".equals(status) && "COMMITTED".equals(reservation) && emailsSent >= 2;
    }
  }

  private final BenchTarget target;

  OrderTimelines(BenchTarget target) {
    this.target = target;
  }

  Map<String, Timeline> read(Collection<String> orderIds) throws SQLException {
    UUID[] ids = orderIds.stream().map(UUID::fromString).toArray(UUID[]::new);
    var orders =
        byOrder(
            "order",
            "SELECT id, created_at, status, updated_at FROM orders WHERE id = ANY(?)",
            ids);
    var reservations =
        byOrder(
            "inventory",
            "SELECT order_id, created_at, status, updated_at FROM reservations WHERE order_id = ANY(?)",
            ids);
    var payments =
        byOrder(
            "payment",
            "SELECT order_id, created_at, status, updated_at FROM payments WHERE order_id = ANY(?)",
            ids);
    var emails =
        byOrder(
            "notification",
            """
            SELECT order_id, max(created_at), count(*) FILTER (WHERE status = 'SENT'), max(sent_at)
            FROM notifications WHERE order_id = ANY(?) GROUP BY order_id
            """,
            ids);
    var timelines = new LinkedHashMap<String, Timeline>();
    for (String id : orderIds) {
      Object[] order = orders.get(id);
      Object[] hold = reservations.get(id);
      Object[] payment = payments.get(id);
      Object[] mail = emails.get(id);
      timelines.put(
          id,
          new Timeline(
              order == null ? null : instant(order[1]),
              order == null ? null : (String) order[2],
              order == null ? null : instant(order[3]),
              hold == null ? null : instant(hold[1]),
              hold == null ? null : (String) hold[2],
              hold == null || !"COMMITTED".equals(hold[2]) ? null : instant(hold[3]),
              payment == null ? null : instant(payment[1]),
              payment == null ? null : instant(payment[3]),
              mail == null ? 0 : ((Number) mail[2]).intValue(),
              mail == null ? null : instant(mail[1]),
              mail == null ? null : instant(mail[3])));
    }
    return timelines;
  }

  /** An order's messages as the notification service holds them, for a report on what is stuck. */
  List<String> messages(String orderId) throws SQLException {
    var lines = new ArrayList<String>();
    query(
        "notification",
        """
        SELECT template, status, attempts, coalesce(last_error, ''), next_attempt_at
        FROM notifications WHERE order_id = ANY(?) ORDER BY created_at
        """,
        new UUID[] {UUID.fromString(orderId)},
        row ->
            lines.add(
                row[0]
                    + " "
                    + row[1]
                    + " after "
                    + row[2]
                    + " attempt(s), next at "
                    + instant(row[4])
                    + (row[3].toString().isEmpty() ? "" : ": " + row[3])));
    return lines;
  }

  /** Rows keyed by their first column, the order's id. */
  private Map<String, Object[]> byOrder(String service, String sql, UUID[] ids)
      throws SQLException {
    var rows = new HashMap<String, Object[]>();
    query(service, sql, ids, row -> rows.put(row[0].toString(), row));
    return rows;
  }

  private void query(
      String service, String sql, UUID[] ids, java.util.function.Consumer<Object[]> rowSink)
      throws SQLException {
    try (Connection connection = target.connect(target.database(service));
        var statement = connection.prepareStatement(sql)) {
      statement.setArray(1, connection.createArrayOf("uuid", ids));
      try (var rows = statement.executeQuery()) {
        int columns = rows.getMetaData().getColumnCount();
        while (rows.next()) {
          Object[] row = new Object[columns];
          for (int c = 0; c < columns; c++) {
            row[c] = rows.getObject(c + 1);
          }
          rowSink.accept(row);
        }
      }
    }
  }

  private static Instant instant(Object value) {
    return switch (value) {
      case null -> null;
      case java.sql.Timestamp timestamp -> timestamp.toInstant();
      case java.time.OffsetDateTime offset -> offset.toInstant();
      default -> throw new IllegalStateException("not a timestamp: " + value.getClass());
    };
  }

  /** Milliseconds between two milestones of each timeline that has both, in ascending order. */
  static List<Double> spans(
      Collection<Timeline> timelines,
      Function<Timeline, Instant> from,
      Function<Timeline, Instant> to) {
    var spans = new ArrayList<Double>();
    for (Timeline timeline : timelines) {
      Instant start = from.apply(timeline);
      Instant end = to.apply(timeline);
      if (start != null && end != null) {
        spans.add(java.time.Duration.between(start, end).toNanos() / 1e6);
      }
    }
    java.util.Collections.sort(spans);
    return spans;
  }
}
