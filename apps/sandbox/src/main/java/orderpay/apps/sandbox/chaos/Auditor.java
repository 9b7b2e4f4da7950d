package orderpay.apps.sandbox.chaos;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.summingLong;
import static java.util.stream.Collectors.toSet;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import orderpay.adapters.runtime.Env;
import orderpay.apps.sandbox.chaos.Finding.Violation;

/**
 * Checks a finished run against the invariants of issue 8 from the outside: every service's
 * database, the Stripe emulator's ledger, the SMTP catcher's mailbox and the load driver's log of
 * requests. It reads a consistent-enough snapshot once the system has settled (or the deadline
 * passed) and reports every invariant with the ids that break it; it never changes anything.
 */
public final class Auditor {
  /** One service's database. */
  public record Database(String url, String user, String password) {
    /** {@code <SERVICE>_DB_URL/_USER/_PASSWORD}, as every service reads them. */
    public static Database fromEnv(Env env, String service) {
      String prefix = service.toUpperCase(Locale.ROOT) + "_DB_";
      return new Database(
          env.required(prefix + "URL"),
          env.get(prefix + "USER", ""),
          env.get(prefix + "PASSWORD", ""));
    }

    Connection connect() throws SQLException {
      return DriverManager.getConnection(url, user, password);
    }
  }

  /** Where the auditor looks. */
  public record Sources(
      Database orders,
      Database payments,
      Database inventory,
      Database notifications,
      Supplier<StripeLedger> ledger,
      Mailbox mailbox,
      RequestLog requests) {
    public static Sources of(Env env, String ledgerUrl, Mailbox mailbox, RequestLog requests) {
      return new Sources(
          Database.fromEnv(env, "order"),
          Database.fromEnv(env, "payment"),
          Database.fromEnv(env, "inventory"),
          Database.fromEnv(env, "notification"),
          () -> StripeLedger.fetch(ledgerUrl),
          mailbox,
          requests);
    }
  }

  record Order(
      String id,
      String userId,
      String idempotencyKey,
      String status,
      long totalMinor,
      String currency,
      String providerPaymentId,
      String failureReason) {
    boolean terminal() {
      return !status.equals("PENDING");
    }

    /**
     * The emails its outcome owes the customer (Notifications.orderOutcome): a paid order was
     * announced and paid; an order refused for lack of stock was told so on the spot.
     */
    Set<String> emailsOwed() {
      return switch (status) {
        case "PAID" -> Set.of("order_confirmation", "payment_succeeded");
        case "REFUNDED" -> Set.of("order_confirmation", "payment_succeeded", "order_refunded");
        case "CANCELLED" -> Set.of("order_cancelled");
        case "FAILED" ->
            "insufficient_stock".equals(failureReason) ? Set.of() : Set.of("payment_failed");
        default -> Set.of();
      };
    }
  }

  record Line(String orderId, String productId, long quantity) {}

  record Reservation(String orderId, String status) {}

  record Stock(String productId, long onHand, long reserved) {}

  record Notification(String id, String orderId, String template, String status) {}

  /** Everything read for one audit. */
  record Snapshot(
      Map<String, Order> orders,
      List<Line> orderLines,
      Map<String, Reservation> reservations,
      List<Line> reservationLines,
      Map<String, Stock> stock,
      List<Notification> notifications,
      Map<String, String> paymentStatusByOrder,
      StripeLedger ledger,
      List<Mailbox.Mail> mails,
      RequestLog requests) {

    /**
     * Nothing left in flight: no PENDING order, no hold for a finished order, no mail queued, every
     * mail sent already in the mailbox (a catcher in another process writes files late), and no
     * payment whose news its order has not heard yet (a killed consumer's partitions move only
     * after its session timeout, so a refund can reach the order seconds after the payment).
     */
    boolean settled() {
      var received = mails.stream().map(Mailbox.Mail::messageId).collect(toSet());
      return orders.values().stream().allMatch(Order::terminal)
          && reservations.values().stream()
              .noneMatch(r -> r.status().equals("RESERVED") && isTerminal(r.orderId()))
          && notifications.stream().noneMatch(n -> n.status().equals("PENDING"))
          && notifications.stream()
              .filter(n -> n.status().equals("SENT"))
              .allMatch(n -> received.contains(messageId(n)))
          && paymentStatusByOrder.entrySet().stream()
              .noneMatch(p -> awaitsItsOrder(p.getValue(), orders.get(p.getKey())))
          && emailsNotRecorded(this).isEmpty();
    }

    /** Money moved at the payment service, and its order does not show it yet. */
    private static boolean awaitsItsOrder(String paymentStatus, Order order) {
      if (order == null) {
        return false; // I7's business
      }
      return switch (paymentStatus) {
        case "SUCCEEDED" -> !order.status().equals("PAID"); // paid, or a refund is on its way
        case "REFUNDED" -> order.status().equals("PAID");
        default -> false;
      };
    }

    boolean isTerminal(String orderId) {
      var order = orders.get(orderId);
      return order != null && order.terminal();
    }
  }

  /** The Message-ID the mailer gives a notification's email (ADR 6). */
  static String messageId(Notification notification) {
    return "<" + notification.id() + "@orderpay>";
  }

  private final Sources sources;

  public Auditor(Sources sources) {
    this.sources = sources;
  }

  /**
   * Waits until the system has settled or {@code deadline} passed (faults have healed when this is
   * called), then audits what it sees.
   */
  public AuditReport audit(Duration deadline) {
    Instant until = Instant.now().plus(deadline);
    Snapshot snapshot = snapshot();
    while (!snapshot.settled() && Instant.now().isBefore(until)) {
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      snapshot = snapshot();
    }
    return check(snapshot);
  }

  static AuditReport check(Snapshot s) {
    return new AuditReport(
        List.of(
            new Finding(Invariant.I1, stockNeverOversold(s)),
            new Finding(Invariant.I2, oneChargePerOrder(s)),
            new Finding(Invariant.I3, everyOrderTerminal(s)),
            new Finding(Invariant.I4, oneEmailPerEventAndTemplate(s)),
            new Finding(Invariant.I5, moneyAndStockConserved(s)),
            new Finding(Invariant.I6, acceptedOrdersExist(s)),
            new Finding(Invariant.I7, rejectedRequestsChangedNothing(s))));
  }

  private static Map<String, Long> unitsByProduct(List<Line> lines, Set<String> orderIds) {
    return lines.stream()
        .filter(l -> orderIds.contains(l.orderId()))
        .collect(groupingBy(Line::productId, TreeMap::new, summingLong(Line::quantity)));
  }

  private static Set<String> reservationsIn(Snapshot s, String status) {
    return s.reservations().values().stream()
        .filter(r -> r.status().equals(status))
        .map(Reservation::orderId)
        .collect(toSet());
  }

  private static Set<String> ordersIn(Snapshot s, String status) {
    return s.orders().values().stream()
        .filter(o -> o.status().equals(status))
        .map(Order::id)
        .collect(toSet());
  }

  /** I1: counters sane, holds add up, and nothing committed or paid beyond what was supplied. */
  static List<Violation> stockNeverOversold(Snapshot s) {
    var violations = new ArrayList<Violation>();
    var committed = unitsByProduct(s.reservationLines(), reservationsIn(s, "COMMITTED"));
    var held = unitsByProduct(s.reservationLines(), reservationsIn(s, "RESERVED"));
    var paid = unitsByProduct(s.orderLines(), ordersIn(s, "PAID"));
    var supplied = s.requests().supplied();
    for (var stock : s.stock().values()) {
      String product = stock.productId();
      if (stock.onHand() < 0 || stock.reserved() < 0 || stock.onHand() < stock.reserved()) {
        violations.add(
            new Violation(
                product, "on_hand=%d reserved=%d".formatted(stock.onHand(), stock.reserved())));
      }
      long holds = held.getOrDefault(product, 0L);
      if (stock.reserved() != holds) {
        violations.add(
            new Violation(
                product,
                "reserved=%d but open holds add up to %d".formatted(stock.reserved(), holds)));
      }
      Long units = supplied.get(product);
      if (units == null) {
        continue; // not stocked by the driver: only the counters can be checked
      }
      long out = committed.getOrDefault(product, 0L);
      if (out > units) {
        violations.add(new Violation(product, "committed %d of %d supplied".formatted(out, units)));
      }
      if (stock.onHand() + out != units) {
        violations.add(
            new Violation(
                product,
                "on_hand=%d + committed=%d != supplied=%d".formatted(stock.onHand(), out, units)));
      }
      long sold = paid.getOrDefault(product, 0L);
      if (sold > units) {
        violations.add(
            new Violation(product, "PAID orders hold %d of %d supplied".formatted(sold, units)));
      }
    }
    return violations;
  }

  /** I2: succeeded charges per order id at Stripe, refunded or not. */
  static List<Violation> oneChargePerOrder(Snapshot s) {
    var violations = new ArrayList<Violation>();
    var charges =
        s.ledger().charges().stream()
            .filter(StripeLedger.Charge::succeeded)
            .collect(groupingBy(StripeLedger.Charge::orderId, TreeMap::new, counting()));
    charges.forEach(
        (order, count) -> {
          if (order.isEmpty()) {
            violations.add(new Violation("(none)", count + " charges without an order_id"));
          } else if (count > 1) {
            violations.add(new Violation(order, count + " successful charges"));
          }
        });
    return violations;
  }

  /** I3: nothing PENDING once settled, and no hold outlives its order. */
  static List<Violation> everyOrderTerminal(Snapshot s) {
    var violations = new ArrayList<Violation>();
    s.orders().values().stream()
        .filter(o -> !o.terminal())
        .map(o -> new Violation(o.id(), "still PENDING"))
        .forEach(violations::add);
    s.reservations().values().stream()
        .filter(r -> r.status().equals("RESERVED") && s.isTerminal(r.orderId()))
        .map(
            r ->
                new Violation(
                    r.orderId(),
                    "stock still RESERVED for a "
                        + s.orders().get(r.orderId()).status()
                        + " order"))
        .forEach(violations::add);
    return violations;
  }

  /**
   * I4: in the mailbox, one message per (order, template, recipient) and one welcome per recipient;
   * the same Message-ID twice is a resend the customer's client drops (ADR 6), two Message-IDs are
   * two emails. In the notification table, one row per order and template; every row marked SENT is
   * in the mailbox; and none missing: every finished order has a row for each email its outcome
   * owes (sent, or parked as failed for an operator: recorded either way, never silently dropped).
   */
  static List<Violation> oneEmailPerEventAndTemplate(Snapshot s) {
    var violations = new ArrayList<Violation>();
    var idsByEvent = new TreeMap<String, Set<String>>();
    for (var mail : s.mails()) {
      if (mail.template().isEmpty()) {
        continue; // custom messages: no event to count against
      }
      String event =
          mail.template().equals("welcome")
              ? mail.recipient() + "/welcome"
              : mail.orderId() + "/" + mail.template() + "/" + mail.recipient();
      idsByEvent.computeIfAbsent(event, e -> new HashSet<>()).add(mail.messageId());
    }
    idsByEvent.forEach(
        (event, ids) -> {
          if (ids.size() > 1) {
            violations.add(new Violation(event, ids.size() + " different emails"));
          }
        });
    s.notifications().stream()
        .filter(n -> n.orderId() != null)
        .collect(groupingBy(n -> n.orderId() + "/" + n.template(), TreeMap::new, counting()))
        .forEach(
            (event, rows) -> {
              if (rows > 1) {
                violations.add(new Violation(event, rows + " notification rows"));
              }
            });
    var received = s.mails().stream().map(Mailbox.Mail::messageId).collect(toSet());
    s.notifications().stream()
        .filter(n -> n.status().equals("SENT") && !received.contains(messageId(n)))
        .map(n -> new Violation(n.id(), "marked SENT but not in the mailbox"))
        .forEach(violations::add);
    violations.addAll(emailsNotRecorded(s));
    return violations;
  }

  /** Per finished order, the emails its outcome owes that have no notification row. */
  static List<Violation> emailsNotRecorded(Snapshot s) {
    var recorded =
        s.notifications().stream()
            .filter(n -> n.orderId() != null)
            .map(n -> n.orderId() + "/" + n.template())
            .collect(toSet());
    var violations = new ArrayList<Violation>();
    for (var order : new TreeMap<>(s.orders()).values()) {
      for (String template : new java.util.TreeSet<>(order.emailsOwed())) {
        if (!recorded.contains(order.id() + "/" + template)) {
          violations.add(
              new Violation(
                  order.id() + "/" + template,
                  order.status() + " order, no " + template + " email"));
        }
      }
    }
    return violations;
  }

  /**
   * I5: per order, captured minus refunded at Stripe equals the total if PAID and 0 otherwise (also
   * for money whose order does not exist); a PAID order's units are committed and no other order's
   * are; per product, committed units equal PAID quantities.
   */
  static List<Violation> moneyAndStockConserved(Snapshot s) {
    var violations = new ArrayList<Violation>();
    var net = new TreeMap<String, Long>();
    var currencies = new HashMap<String, Set<String>>();
    for (var charge : s.ledger().charges()) {
      if (charge.succeeded()) {
        net.merge(charge.orderId(), charge.amountCaptured(), Long::sum);
        currencies.computeIfAbsent(charge.orderId(), o -> new HashSet<>()).add(charge.currency());
      }
    }
    for (var refund : s.ledger().refunds()) {
      if (refund.issued()) {
        net.merge(refund.orderId(), -refund.amount(), Long::sum);
      }
    }
    var orderIds = new java.util.TreeSet<>(net.keySet());
    orderIds.addAll(s.orders().keySet());
    for (String id : orderIds) {
      var order = s.orders().get(id);
      long kept = net.getOrDefault(id, 0L);
      if (order == null) {
        if (kept != 0) {
          violations.add(
              new Violation(id.isEmpty() ? "(none)" : id, kept + " kept, no such order"));
        }
        continue;
      }
      if (!order.terminal()) {
        continue; // I3's business
      }
      long expected = order.status().equals("PAID") ? order.totalMinor() : 0;
      if (kept != expected) {
        violations.add(
            new Violation(
                id,
                "%s order of %d: %d kept at Stripe"
                    .formatted(order.status(), order.totalMinor(), kept)));
      } else if (expected > 0
          && !currencies
              .getOrDefault(id, Set.of())
              .equals(Set.of(order.currency().toLowerCase(Locale.ROOT)))) {
        violations.add(
            new Violation(
                id, "charged in " + currencies.get(id) + ", order in " + order.currency()));
      }
      var reservation = s.reservations().get(id);
      String held = reservation == null ? "none" : reservation.status();
      if (order.status().equals("PAID") && !held.equals("COMMITTED")) {
        violations.add(new Violation(id, "PAID but its reservation is " + held));
      } else if (!order.status().equals("PAID") && held.equals("COMMITTED")) {
        violations.add(new Violation(id, order.status() + " but its units are COMMITTED"));
      }
    }
    var committed = unitsByProduct(s.reservationLines(), reservationsIn(s, "COMMITTED"));
    var paid = unitsByProduct(s.orderLines(), ordersIn(s, "PAID"));
    var products = new java.util.TreeSet<>(committed.keySet());
    products.addAll(paid.keySet());
    for (String product : products) {
      long out = committed.getOrDefault(product, 0L);
      long sold = paid.getOrDefault(product, 0L);
      if (out != sold) {
        violations.add(
            new Violation(product, "committed %d units, PAID orders hold %d".formatted(out, sold)));
      }
    }
    return violations;
  }

  /** I6: each order id the driver was given with a 2xx exists, for the user who placed it. */
  static List<Violation> acceptedOrdersExist(Snapshot s) {
    var violations = new ArrayList<Violation>();
    for (var exchange : s.requests().exchanges()) {
      if (exchange.kind() != RequestLog.Kind.CREATE_ORDER || !exchange.accepted()) {
        continue;
      }
      var order = exchange.orderId() == null ? null : s.orders().get(exchange.orderId());
      if (order == null) {
        violations.add(
            new Violation(
                String.valueOf(exchange.orderId()),
                "answered " + exchange.status() + " (request " + exchange.seq() + "), not stored"));
      } else if (exchange.userId() != null && !exchange.userId().equals(order.userId())) {
        violations.add(new Violation(order.id(), "stored for another user"));
      }
    }
    return violations;
  }

  /**
   * I7: a 4xx create left no order under its Idempotency-Key (unless another request with that key
   * was accepted); and nothing anywhere points at an order that does not exist: no intent at
   * Stripe, no reservation.
   */
  static List<Violation> rejectedRequestsChangedNothing(Snapshot s) {
    var violations = new ArrayList<Violation>();
    var acceptedKeys = new HashSet<String>();
    for (var exchange : s.requests().exchanges()) {
      if (exchange.kind() == RequestLog.Kind.CREATE_ORDER
          && !exchange.rejected()
          && exchange.idempotencyKey() != null) {
        // accepted or unknown: an order under this key may rightly exist
        acceptedKeys.add(exchange.userId() + "/" + exchange.idempotencyKey());
      }
    }
    var storedKeys = new HashMap<String, String>();
    s.orders()
        .values()
        .forEach(
            o -> {
              if (o.idempotencyKey() != null) {
                storedKeys.put(o.userId() + "/" + o.idempotencyKey(), o.id());
              }
            });
    for (var exchange : s.requests().exchanges()) {
      if (exchange.kind() != RequestLog.Kind.CREATE_ORDER
          || !exchange.rejected()
          || exchange.idempotencyKey() == null) {
        continue;
      }
      String key = exchange.userId() + "/" + exchange.idempotencyKey();
      String stored = storedKeys.get(key);
      if (stored != null && !acceptedKeys.contains(key)) {
        var order = s.orders().get(stored);
        violations.add(
            new Violation(
                exchange.idempotencyKey(),
                "answered %d %s, yet order %s (%s) exists"
                    .formatted(exchange.status(), exchange.errorCode(), stored, order.status())));
      }
    }
    for (var intent : s.ledger().intents()) {
      if (!s.orders().containsKey(intent.orderId())) {
        violations.add(
            new Violation(
                intent.id(),
                "intent (" + intent.status() + ") for unknown order '" + intent.orderId() + "'"));
      }
    }
    for (var reservation : s.reservations().values()) {
      if (!s.orders().containsKey(reservation.orderId())) {
        violations.add(
            new Violation(
                reservation.orderId(), reservation.status() + " reservation for no order"));
      }
    }
    return violations;
  }

  Snapshot snapshot() {
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
      var orderLines = new ArrayList<Line>();
      query(
          orders,
          "SELECT order_id, product_id, quantity FROM order_lines",
          rs -> orderLines.add(new Line(rs.getString(1), rs.getString(2), rs.getLong(3))));
      var reservations = new HashMap<String, Reservation>();
      var reservationLines = new ArrayList<Line>();
      var stock = new HashMap<String, Stock>();
      inventory.setAutoCommit(false);
      inventory.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      query(
          inventory,
          "SELECT order_id, status FROM reservations",
          rs ->
              reservations.put(rs.getString(1), new Reservation(rs.getString(1), rs.getString(2))));
      query(
          inventory,
          "SELECT order_id, product_id, quantity FROM reservation_lines",
          rs -> reservationLines.add(new Line(rs.getString(1), rs.getString(2), rs.getLong(3))));
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
