package orderpay.adapters.postgres.order;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import orderpay.adapters.postgres.Columns;
import orderpay.adapters.postgres.JdbiTransactions;
import orderpay.adapters.telemetry.Traces;
import orderpay.domain.order.HistoryEntry;
import orderpay.domain.order.HistoryKind;
import orderpay.domain.order.OrderHistory;
import orderpay.domain.shared.OrderId;
import org.jdbi.v3.core.Handle;

/**
 * Order histories in {@code order_history}. Inside a transaction the entries are collected and
 * written as its last statement, all of them in one INSERT, so a transition costs one statement
 * more however much it records; outside one, an entry is written at once.
 */
public final class JdbiOrderHistory implements OrderHistory {
  private record Row(UUID orderId, Instant at, String kind, String detail, String traceParent) {}

  private final JdbiTransactions transactions;
  private final Clock clock;

  public JdbiOrderHistory(JdbiTransactions transactions, Clock clock) {
    this.transactions = transactions;
    this.clock = clock;
  }

  @Override
  public void record(OrderId orderId, HistoryEntry entry) {
    var row =
        new Row(
            orderId.value(),
            clock.instant().truncatedTo(ChronoUnit.MICROS),
            entry.kind().wireName(),
            entry.detail(),
            Traces.currentTraceparent()); // now: a batch of events has one span per event
    if (transactions.inTransactionNow()) {
      transactions
          .boundToTransaction(
              this, ArrayList<Row>::new, rows -> insert(transactions.requireTransaction(), rows))
          .add(row);
    } else {
      transactions.withHandle(h -> insert(h, List.of(row)));
    }
  }

  private static int insert(Handle handle, List<Row> rows) {
    return handle
        .createUpdate(
            """
            INSERT INTO order_history (order_id, at, kind, detail, trace_parent)
            SELECT o, timestamptz 'epoch' + us * interval '1 microsecond', k, d, t
              FROM unnest(:orders, :micros, :kinds, :details, :traces) AS r(o, us, k, d, t)
            """)
        .bindArray("orders", UUID.class, rows.stream().map(Row::orderId).toList())
        .bindArray("micros", Long.class, rows.stream().map(r -> micros(r.at())).toList())
        .bindArray("kinds", String.class, rows.stream().map(Row::kind).toList())
        .bindArray("details", String.class, rows.stream().map(Row::detail).toList())
        .bindArray("traces", String.class, rows.stream().map(Row::traceParent).toList())
        .execute();
  }

  private static long micros(Instant at) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, at);
  }

  @Override
  public List<Line> of(OrderId orderId) {
    return transactions.list(
        """
        SELECT seq, at, kind, detail, trace_parent FROM order_history
        WHERE order_id = :order ORDER BY at, seq
        """,
        q -> q.bind("order", orderId.value()),
        (rs, ctx) ->
            new Line(
                rs.getLong("seq"),
                Columns.instant(rs, "at"),
                HistoryKind.ofWireName(rs.getString("kind")),
                rs.getString("detail"),
                Optional.ofNullable(rs.getString("trace_parent"))));
  }

  @Override
  public List<MinuteCount> countPerMinute(Set<HistoryKind> kinds, Instant from) {
    // whole minutes since the epoch: the same in every session time zone
    return transactions.list(
        """
        SELECT floor(extract(epoch FROM at) / 60)::bigint AS minute, kind, count(*) AS n
          FROM order_history
         WHERE at >= :from AND kind = ANY(:kinds)
         GROUP BY 1, 2
        """,
        q ->
            q.bind("from", from)
                .bindArray(
                    "kinds", String.class, kinds.stream().map(HistoryKind::wireName).toList()),
        (rs, ctx) ->
            new MinuteCount(
                Instant.ofEpochSecond(rs.getLong("minute") * 60),
                HistoryKind.ofWireName(rs.getString("kind")),
                rs.getLong("n")));
  }

  /** Removes the history of an order that is being discarded, inside its transaction. */
  static void forget(Handle handle, OrderId orderId) {
    handle
        .createUpdate("DELETE FROM order_history WHERE order_id = :order")
        .bind("order", orderId.value())
        .execute();
  }
}
