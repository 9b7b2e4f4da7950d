package orderpay.adapters.postgres.order;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import orderpay.adapters.postgres.JdbiTransactions;
import orderpay.domain.order.HistoryEntry;
import orderpay.domain.order.Order;
import orderpay.domain.order.OrderHistory;
import orderpay.domain.order.OrderLimits;
import orderpay.domain.order.OrderRepository;
import orderpay.domain.order.OrderStatus;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.UserId;
import org.jdbi.v3.core.statement.Query;

/**
 * The order service's orders in Postgres: the statements on {@code orders}; {@link OrderRows} maps
 * their rows, {@link OrderLines} writes and reads the lines, {@link JdbiOrderHistory} keeps what
 * each stored change noted.
 */
public record JdbiOrderRepository(JdbiTransactions transactions, OrderHistory history)
    implements OrderRepository {
  /** The advisory-lock key space of per-user order creation (the second key is the user). */
  private static final int ORDER_CREATION_LOCKS = 0x0de5;

  @Override
  public boolean addIfAbsent(Order order, String requestFingerprint) {
    return transactions.withHandle(
        h -> {
          var s = order.snapshot();
          int inserted =
              h.createUpdate(
                      """
                      INSERT INTO orders (id, user_id, idempotency_key, status, saga_step, shipping_address,
                                          payment_method, total_minor, currency, created_at, updated_at,
                                          request_fingerprint)
                      VALUES (:id, :userId, :key, :status, :step, :address, :pm, :total, :currency, :createdAt, :updatedAt,
                              :fingerprint)
                      ON CONFLICT DO NOTHING
                      """)
                  .bind("id", s.id().value())
                  .bind("userId", s.userId().value())
                  .bind("key", s.idempotencyKey())
                  .bind("status", s.status().name())
                  .bind("step", s.step().name())
                  .bind("address", s.shippingAddress())
                  .bind("pm", s.paymentMethod())
                  .bind("total", order.total().amountMinor())
                  .bind("currency", order.total().currencyCode())
                  .bind("createdAt", s.createdAt())
                  .bind("updatedAt", s.updatedAt())
                  .bind("fingerprint", requestFingerprint)
                  .execute();
          if (inserted == 0) {
            return false;
          }
          OrderLines.insert(h, s);
          history.recordAll(s.id(), order.drainHistory());
          return true;
        });
  }

  @Override
  public Optional<KeyedOrder> findByIdempotencyKey(UserId userId, String key) {
    return one(
        "o.user_id = :user AND o.idempotency_key = :key",
        false,
        Map.of("user", userId.value(), "key", key));
  }

  @Override
  public void lockOrdersOf(UserId userId) {
    transactions
        .requireTransaction()
        .execute(
            "SELECT pg_advisory_xact_lock(?, hashtext(?))",
            ORDER_CREATION_LOCKS,
            userId.value().toString());
  }

  @Override
  public OrderLimits.OpenOrders openOrdersOf(UserId userId) {
    return transactions
        .one(
            """
            SELECT count(DISTINCT o.id) AS orders, coalesce(sum(l.quantity), 0) AS units
              FROM orders o JOIN order_lines l ON l.order_id = o.id
             WHERE o.user_id = :user AND o.status = 'PENDING'
            """,
            q -> q.bind("user", userId.value()),
            (rs, ctx) -> new OrderLimits.OpenOrders(rs.getInt("orders"), rs.getLong("units")))
        .orElseThrow(); // an aggregate: always one row
  }

  @Override
  public void discardUnstarted(OrderId id) {
    var handle = transactions.requireTransaction();
    String unstarted = "id = :id AND status = 'PENDING' AND saga_step = 'NEW'";
    handle
        .createUpdate(
            "DELETE FROM order_lines WHERE order_id = :id"
                + " AND EXISTS (SELECT 1 FROM orders WHERE "
                + unstarted
                + ")")
        .bind("id", id.value())
        .execute();
    if (handle
            .createUpdate("DELETE FROM orders WHERE " + unstarted)
            .bind("id", id.value())
            .execute()
        > 0) {
      JdbiOrderHistory.forget(handle, id);
    }
  }

  @Override
  public Optional<Order> find(OrderId id) {
    return one("o.id = :id", false, Map.of("id", id.value())).map(KeyedOrder::order);
  }

  @Override
  public Optional<Order> findForUpdate(OrderId id) {
    return one("o.id = :id", true, Map.of("id", id.value())).map(KeyedOrder::order);
  }

  @Override
  public List<orderpay.domain.order.OrderSummary> summaries(
      java.util.Collection<OrderId> ids, Instant from) {
    return transactions.withHandle(h -> OrderSummaries.find(h, ids, from));
  }

  /**
   * One order with its lines (and its request's fingerprint) in one statement: a row per line, the
   * order's columns repeated. The saga reads an order three times per order placed, so the round
   * trip saved here is saved thrice.
   */
  private Optional<KeyedOrder> one(String where, boolean lock, Map<String, Object> binds) {
    return transactions.withHandle(
        h -> {
          var joined = new OrderRows.Joined();
          h.createQuery(
                  "SELECT "
                      + OrderRows.QUALIFIED_COLUMNS
                      + ", o.request_fingerprint, l.product_id, l.name, l.quantity,"
                      + " l.unit_price_minor FROM orders o"
                      + " LEFT JOIN order_lines l ON l.order_id = o.id WHERE "
                      + where
                      + " ORDER BY l.line_no"
                      + (lock ? " FOR UPDATE OF o" : ""))
              .bindMap(binds)
              .map(joined)
              .list();
          return joined.order();
        });
  }

  @Override
  public void update(Order order) {
    var s = order.snapshot();
    var payment = s.payment();
    transactions.update(
        """
        UPDATE orders SET status = :status, saga_step = :step, payment_id = :paymentId,
               payment_status = :paymentStatus, payment_provider = :provider,
               provider_payment_id = :providerId, client_secret = :secret,
               failure_reason = :reason, updated_at = :updatedAt
        WHERE id = :id
        """,
        u ->
            u.bind("id", s.id().value())
                .bind("status", s.status().name())
                .bind("step", s.step().name())
                .bind("paymentId", payment == null ? null : payment.id())
                .bind("paymentStatus", payment == null ? null : payment.status())
                .bind("provider", payment == null ? null : payment.provider())
                .bind("providerId", payment == null ? null : payment.providerPaymentId())
                .bind("secret", payment == null ? null : payment.clientSecret())
                .bind("reason", s.failureReason())
                .bind("updatedAt", s.updatedAt()));
    history.recordAll(s.id(), order.drainHistory());
  }

  @Override
  public List<Order> list(
      Optional<UserId> userId,
      Optional<OrderStatus> status,
      Optional<Instant> createdBefore,
      Optional<OrderId> before,
      int limit) {
    // a customer's listing keeps its own statement, planned on the index by user
    String owner = userId.isPresent() ? "user_id = :user" : "true";
    return withLines(
        owner
            + " AND (CAST(:status AS text) IS NULL OR status = :status)"
            + " AND (CAST(:createdBefore AS timestamptz) IS NULL"
            + " OR created_at < :createdBefore)"
            + " AND (CAST(:before AS uuid) IS NULL OR id < :before)"
            + " ORDER BY id DESC LIMIT :limit",
        q ->
            q.bindMap(
                    userId
                        .map(user -> Map.<String, Object>of("user", user.value()))
                        .orElse(Map.of()))
                .bind("status", status.map(Enum::name).orElse(null))
                .bind("createdBefore", createdBefore.orElse(null))
                .bind("before", before.map(OrderId::value).orElse(null))
                .bind("limit", limit));
  }

  @Override
  public List<Order> findStuck(Instant before, Instant now, int limit) {
    return pendingWhere("saga_step <> 'ACCEPTED' AND updated_at < :before", before, now, limit);
  }

  @Override
  public List<Order> findUnpaidSince(Instant before, Instant now, int limit) {
    return pendingWhere("created_at < :before", before, now, limit);
  }

  @Override
  public void deferSweep(OrderId id, String why, IntFunction<Instant> nextAttempt) {
    transactions.inTransaction(
        () -> {
          var h = transactions.requireTransaction();
          int failures =
              h.createQuery(
                      "UPDATE orders SET sweep_failures = sweep_failures + 1 WHERE id = :id"
                          + " RETURNING sweep_failures")
                  .bind("id", id.value())
                  .mapTo(Integer.class)
                  .findOne()
                  .orElse(1);
          Instant next = nextAttempt.apply(failures);
          h.createUpdate("UPDATE orders SET sweep_after = :next WHERE id = :id")
              .bind("id", id.value())
              .bind("next", next)
              .execute();
          history.record(id, HistoryEntry.sweepDeferred(why, next));
          return null;
        });
  }

  private List<Order> pendingWhere(String condition, Instant before, Instant now, int limit) {
    return withLines(
        "status = 'PENDING' AND "
            + condition
            + " AND (sweep_after IS NULL OR sweep_after <= :now)"
            + " ORDER BY created_at LIMIT :limit",
        q -> q.bind("before", before).bind("now", now).bind("limit", limit));
  }

  /** The orders {@code whereAndOrder} selects, in its order, each with its lines. */
  private List<Order> withLines(String whereAndOrder, UnaryOperator<Query> binds) {
    return transactions.withHandle(
        h -> {
          var select =
              h.createQuery("SELECT " + OrderRows.COLUMNS + " FROM orders WHERE " + whereAndOrder);
          var headers = binds.apply(select).map((rs, ctx) -> OrderRows.header(rs)).list();
          return OrderLines.attachTo(h, headers);
        });
  }
}
