package orderpay.apps.sandbox.chaos;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import orderpay.apps.sandbox.chaos.Snapshot.Line;
import orderpay.apps.sandbox.chaos.Snapshot.Notification;
import orderpay.apps.sandbox.chaos.Snapshot.Order;
import orderpay.apps.sandbox.chaos.Snapshot.Reservation;
import orderpay.apps.sandbox.chaos.Snapshot.Stock;

/**
 * Reads one {@link Snapshot}: the databases first, inventory's tables in one transaction, then the
 * outside world (Stripe's ledger, the mailbox). It only reads.
 */
final class SnapshotReader {
  private final Auditor.Sources sources;

  SnapshotReader(Auditor.Sources sources) {
    this.sources = sources;
  }

  Snapshot read() {
    try (Connection orders = sources.orders().connect();
        Connection inventory = sources.inventory().connect();
        Connection notifications = sources.notifications().connect();
        Connection payments = sources.payments().connect()) {
      var orderRows = new HashMap<String, Order>();
      query(
          orders,
          "SELECT id, user_id, idempotency_key, status, total_minor, currency, provider_payment_id,"
              + " failure_reason FROM orders",
          rs ->
              orderRows.put(
                  rs.getString(1),
                  new Order(
                      rs.getString(1),
                      rs.getString(2),
                      rs.getString(3),
                      rs.getString(4),
                      rs.getLong(5),
                      rs.getString(6),
                      rs.getString(7),
                      rs.getString(8))));
      var orderLines = lines(orders, "SELECT order_id, product_id, quantity FROM order_lines");
      var reservations = new HashMap<String, Reservation>();
      var stock = new HashMap<String, Stock>();
      inventory.setAutoCommit(false);
      inventory.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      query(
          inventory,
          "SELECT order_id, status FROM reservations",
          rs ->
              reservations.put(rs.getString(1), new Reservation(rs.getString(1), rs.getString(2))));
      var reservationLines =
          lines(inventory, "SELECT order_id, product_id, quantity FROM reservation_lines");
      query(
          inventory,
          "SELECT product_id, on_hand, reserved FROM stock_items WHERE NOT discontinued",
          rs ->
              stock.put(rs.getString(1), new Stock(rs.getString(1), rs.getLong(2), rs.getLong(3))));
      inventory.commit();
      var notificationRows = new ArrayList<Notification>();
      query(
          notifications,
          "SELECT id, order_id, template, status FROM notifications WHERE channel = 'email'",
          rs ->
              notificationRows.add(
                  new Notification(
                      rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))));
      var paymentRows = new HashMap<String, String>();
      query(
          payments,
          "SELECT order_id, status FROM payments",
          rs -> paymentRows.put(rs.getString(1), rs.getString(2)));
      // the outside world last: whatever a database row says was done (charged, refunded, sent)
      // happened before, so it shows there; anything newer leaves a row in flight, and the audit
      // waits for it to settle
      var ledger = sources.ledger().get();
      var mails = sources.mailbox().messages();
      return new Snapshot(
          Map.copyOf(orderRows),
          List.copyOf(orderLines),
          Map.copyOf(reservations),
          List.copyOf(reservationLines),
          Map.copyOf(stock),
          List.copyOf(notificationRows),
          Map.copyOf(paymentRows),
          ledger,
          List.copyOf(mails),
          sources.requests());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the databases: " + e.getMessage(), e);
    }
  }

  /** Lines of orders or of holds: order id, product id, quantity. */
  private static List<Line> lines(Connection connection, String sql) throws SQLException {
    var lines = new ArrayList<Line>();
    query(
        connection,
        sql,
        rs -> lines.add(new Line(rs.getString(1), rs.getString(2), rs.getLong(3))));
    return lines;
  }

  private interface RowReader {
    void read(ResultSet row) throws SQLException;
  }

  private static void query(Connection connection, String sql, RowReader reader)
      throws SQLException {
    try (var statement = connection.createStatement();
        var rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        reader.read(rows);
      }
    }
  }
}
