package orderpay.adapters.postgres.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntFunction;
import orderpay.adapters.postgres.JdbiTransactions;
import orderpay.domain.money.Money;
import orderpay.domain.payment.Payment;
import orderpay.domain.payment.PaymentRepository;
import orderpay.domain.payment.PaymentStatus;
import orderpay.domain.payment.ProcessedEvents;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.UserId;

public final class JdbiPaymentRepository implements PaymentRepository, ProcessedEvents {
  private static final String COLUMNS =
      "id, order_id, user_id, amount_minor, currency, status, provider, provider_payment_id, client_secret,"
          + " failure_reason, created_at, updated_at";
  private final JdbiTransactions transactions;

  public JdbiPaymentRepository(JdbiTransactions transactions) {
    this.transactions = transactions;
  }

  @Override
  public boolean addIfAbsent(Payment p) {
    return transactions.withHandle(
        h ->
            h.createUpdate(
                        """
                        INSERT INTO payments (id, order_id, user_id, amount_minor, currency, status, provider,
                                              provider_payment_id, client_secret, failure_reason, created_at, updated_at)
                        VALUES (:id, :orderId, :userId, :amount, :currency, :status, :provider, :providerId,
                                :secret, :reason, :createdAt, :updatedAt)
                        ON CONFLICT (order_id) DO NOTHING
                        """)
                    .bind("id", p.id())
                    .bind("orderId", p.orderId().value())
                    .bind("userId", p.userId().value())
                    .bind("amount", p.amount().amountMinor())
                    .bind("currency", p.amount().currencyCode())
                    .bind("status", p.status().name())
                    .bind("provider", p.provider())
                    .bind("providerId", p.providerPaymentId())
                    .bind("secret", p.clientSecret())
                    .bind("reason", p.failureReason())
                    .bind("createdAt", p.createdAt())
                    .bind("updatedAt", p.updatedAt())
                    .execute()
                == 1);
  }

  @Override
  public Optional<Payment> findByOrder(OrderId orderId) {
    return one("SELECT " + COLUMNS + " FROM payments WHERE order_id = :v", orderId.value());
  }

  @Override
  public Optional<Payment> findByOrderForUpdate(OrderId orderId) {
    return one(
        "SELECT " + COLUMNS + " FROM payments WHERE order_id = :v FOR UPDATE", orderId.value());
  }

  @Override
  public Optional<Payment> findById(String paymentId) {
    return one("SELECT " + COLUMNS + " FROM payments WHERE id = :v", paymentId);
  }

  @Override
  public Optional<Payment> findByProviderIdForUpdate(String providerPaymentId) {
    return one(
        "SELECT " + COLUMNS + " FROM payments WHERE provider_payment_id = :v FOR UPDATE",
        providerPaymentId);
  }

  private Optional<Payment> one(String sql, Object value) {
    return transactions.withHandle(
        h -> h.createQuery(sql).bind("v", value).map((rs, ctx) -> toPayment(rs)).findOne());
  }

  @Override
  public void update(Payment p) {
    transactions.withHandle(
        h ->
            h.createUpdate(
                    """
                    UPDATE payments SET status = :status, provider_payment_id = :providerId, client_secret = :secret,
                           failure_reason = :reason, updated_at = :updatedAt
                    WHERE id = :id
                    """)
                .bind("id", p.id())
                .bind("status", p.status().name())
                .bind("providerId", p.providerPaymentId())
                .bind("secret", p.clientSecret())
                .bind("reason", p.failureReason())
                .bind("updatedAt", p.updatedAt())
                .execute());
  }

  @Override
  public List<Payment> findCreatedSinceOrFor(
      Instant from, java.util.Collection<String> providerPaymentIds) {
    return transactions.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM payments WHERE created_at >= :from"
                        + " OR provider_payment_id = ANY(:ids) ORDER BY created_at")
                .bind("from", from)
                .bindArray("ids", String.class, providerPaymentIds)
                .map((rs, ctx) -> toPayment(rs))
                .list());
  }

  @Override
  public List<Payment> findDueForCheck(Instant openBefore, Instant now, int limit) {
    return transactions.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + """
                         FROM payments
                        WHERE ((status IN ('PENDING', 'REQUIRES_ACTION', 'FAILED') AND updated_at < :openBefore)
                               OR (status = 'CANCELLED' AND NOT final_at_provider))
                          AND (check_after IS NULL OR check_after <= :now)
                        ORDER BY coalesce(check_after, updated_at) LIMIT :limit
                        """)
                .bind("openBefore", openBefore)
                .bind("now", now)
                .bind("limit", limit)
                .map((rs, ctx) -> toPayment(rs))
                .list());
  }

  @Override
  public void deferCheck(String paymentId, IntFunction<Instant> nextCheck) {
    transactions.withHandle(
        h -> {
          int checks =
              h.createQuery(
                      "UPDATE payments SET checks = checks + 1 WHERE id = :id RETURNING checks")
                  .bind("id", paymentId)
                  .mapTo(Integer.class)
                  .findOne()
                  .orElse(1);
          return h.createUpdate("UPDATE payments SET check_after = :next WHERE id = :id")
              .bind("id", paymentId)
              .bind("next", nextCheck.apply(checks))
              .execute();
        });
  }

  @Override
  public void recordRefunded(String paymentId, long amountRefundedMinor) {
    transactions.withHandle(
        h ->
            h.createUpdate(
                    "UPDATE payments SET amount_refunded_minor = greatest(amount_refunded_minor, :refunded)"
                        + " WHERE id = :id")
                .bind("id", paymentId)
                .bind("refunded", amountRefundedMinor)
                .execute());
  }

  @Override
  public void markFinalAtProvider(String paymentId) {
    transactions.withHandle(
        h ->
            h.createUpdate("UPDATE payments SET final_at_provider = true WHERE id = :id")
                .bind("id", paymentId)
                .execute());
  }

  @Override
  public boolean firstTime(String eventId, String type, String providerPaymentId) {
    return transactions.withHandle(
        h ->
            h.createUpdate(
                        """
                        INSERT INTO provider_events (event_id, type, provider_payment_id)
                        VALUES (:id, :type, :intent) ON CONFLICT DO NOTHING
                        """)
                    .bind("id", eventId)
                    .bind("type", type)
                    .bind("intent", providerPaymentId)
                    .execute()
                == 1);
  }

  @Override
  public List<Received> about(String providerPaymentId) {
    return transactions.withHandle(
        h ->
            h.createQuery(
                    """
                    SELECT event_id, type, received_at FROM provider_events
                    WHERE provider_payment_id = :intent ORDER BY received_at, event_id
                    """)
                .bind("intent", providerPaymentId)
                .map(
                    (rs, ctx) ->
                        new Received(
                            rs.getString("event_id"),
                            rs.getString("type"),
                            rs.getTimestamp("received_at").toInstant()))
                .list());
  }

  private static Payment toPayment(ResultSet rs) throws SQLException {
    return new Payment(
        rs.getString("id"),
        new OrderId(rs.getObject("order_id", UUID.class)),
        new UserId(rs.getObject("user_id", UUID.class)),
        Money.of(rs.getLong("amount_minor"), rs.getString("currency")),
        PaymentStatus.valueOf(rs.getString("status")),
        rs.getString("provider"),
        rs.getString("provider_payment_id"),
        rs.getString("client_secret"),
        rs.getString("failure_reason"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
