package orderpay.adapters.postgres.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import orderpay.adapters.postgres.Columns;
import orderpay.adapters.postgres.JdbiTransactions;
import orderpay.domain.money.Money;
import orderpay.domain.payment.Payment;
import orderpay.domain.payment.PaymentRepository;
import orderpay.domain.payment.PaymentStatus;
import orderpay.domain.payment.ProcessedEvents;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.UserId;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;

public record JdbiPaymentRepository(JdbiTransactions transactions)
    implements PaymentRepository, ProcessedEvents {
  private static final String SELECT_PAYMENTS =
      "SELECT id, order_id, user_id, amount_minor, currency, status, provider, provider_payment_id,"
          + " client_secret, failure_reason, created_at, updated_at FROM payments";

  @Override
  public boolean addIfAbsent(Payment p) {
    return transactions.updatedOne(
        """
        INSERT INTO payments (id, order_id, user_id, amount_minor, currency, status, provider,
                              provider_payment_id, client_secret, failure_reason, created_at, updated_at)
        VALUES (:id, :orderId, :userId, :amount, :currency, :status, :provider, :providerId,
                :secret, :reason, :createdAt, :updatedAt)
        ON CONFLICT (order_id) DO NOTHING
        """,
        insert ->
            bindChanges(insert, p)
                .bind("orderId", p.orderId().value())
                .bind("userId", p.userId().value())
                .bind("amount", p.amount().amountMinor())
                .bind("currency", p.amount().currencyCode())
                .bind("provider", p.provider())
                .bind("createdAt", p.createdAt()));
  }

  @Override
  public Optional<Payment> findByOrder(OrderId orderId) {
    return one(SELECT_PAYMENTS + " WHERE order_id = :v", orderId.value());
  }

  @Override
  public Optional<Payment> findByOrderForUpdate(OrderId orderId) {
    return one(
        JdbiTransactions.forUpdate(SELECT_PAYMENTS + " WHERE order_id = :v"), orderId.value());
  }

  @Override
  public Optional<Payment> findById(String paymentId) {
    return one(SELECT_PAYMENTS + " WHERE id = :v", paymentId);
  }

  @Override
  public Optional<Payment> findByProviderIdForUpdate(String providerPaymentId) {
    return one(
        JdbiTransactions.forUpdate(SELECT_PAYMENTS + " WHERE provider_payment_id = :v"),
        providerPaymentId);
  }

  private Optional<Payment> one(String select, Object value) {
    return transactions.oneBy(select, "v", value, JdbiPaymentRepository::toPayment);
  }

  @Override
  public void update(Payment p) {
    transactions.update(
        """
        UPDATE payments SET status = :status, provider_payment_id = :providerId, client_secret = :secret,
               failure_reason = :reason, updated_at = :updatedAt
        WHERE id = :id
        """,
        update -> bindChanges(update, p));
  }

  /** What an update may change, and the id: bound by the insert and by the update. */
  private static Update bindChanges(Update statement, Payment p) {
    return statement
        .bind("id", p.id())
        .bind("status", p.status().name())
        .bind("providerId", p.providerPaymentId())
        .bind("secret", p.clientSecret())
        .bind("reason", p.failureReason())
        .bind("updatedAt", p.updatedAt());
  }

  @Override
  public List<Payment> findCreatedSinceOrFor(
      Instant from, java.util.Collection<String> providerPaymentIds) {
    return transactions.list(
        SELECT_PAYMENTS
            + " WHERE created_at >= :from OR provider_payment_id = ANY(:ids) ORDER BY created_at",
        q -> q.bind("from", from).bindArray("ids", String.class, providerPaymentIds),
        JdbiPaymentRepository::toPayment);
  }

  @Override
  public List<Payment> findDueForCheck(Instant openBefore, Instant now, int limit) {
    return transactions.list(
        SELECT_PAYMENTS
            + """
             WHERE ((status IN ('PENDING', 'REQUIRES_ACTION', 'FAILED') AND updated_at < :openBefore)
                    OR (status = 'CANCELLED' AND NOT final_at_provider))
               AND (check_after IS NULL OR check_after <= :now)
             ORDER BY coalesce(check_after, updated_at) LIMIT :limit
            """,
        q -> q.bind("openBefore", openBefore).bind("now", now).bind("limit", limit),
        JdbiPaymentRepository::toPayment);
  }

  @Override
  public void deferCheck(String paymentId, IntFunction<Instant> nextCheck) {
    int checks =
        transactions
            .one(
                "UPDATE payments SET checks = checks + 1 WHERE id = :id RETURNING checks",
                q -> q.bind("id", paymentId),
                (rs, ctx) -> rs.getInt("checks"))
            .orElse(1);
    transactions.update(
        "UPDATE payments SET check_after = :next WHERE id = :id",
        u -> u.bind("id", paymentId).bind("next", nextCheck.apply(checks)));
  }

  @Override
  public void recordRefunded(String paymentId, long amountRefundedMinor) {
    transactions.update(
        "UPDATE payments SET amount_refunded_minor = greatest(amount_refunded_minor, :refunded)"
            + " WHERE id = :id",
        u -> u.bind("id", paymentId).bind("refunded", amountRefundedMinor));
  }

  @Override
  public void markFinalAtProvider(String paymentId) {
    transactions.update(
        "UPDATE payments SET final_at_provider = true WHERE id = :id",
        u -> u.bind("id", paymentId));
  }

  @Override
  public boolean firstTime(String eventId, String type, String providerPaymentId) {
    return transactions.updatedOne(
        """
        INSERT INTO provider_events (event_id, type, provider_payment_id)
        VALUES (:id, :type, :intent) ON CONFLICT DO NOTHING
        """,
        insert -> insert.bind("id", eventId).bind("type", type).bind("intent", providerPaymentId));
  }

  @Override
  public List<Received> about(String providerPaymentId) {
    return transactions.list(
        """
        SELECT event_id, type, received_at FROM provider_events
        WHERE provider_payment_id = :intent ORDER BY received_at, event_id
        """,
        q -> q.bind("intent", providerPaymentId),
        (rs, ctx) ->
            new Received(
                rs.getString("event_id"),
                rs.getString("type"),
                Columns.instant(rs, "received_at")));
  }

  private static Payment toPayment(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Payment(
        rs.getString("id"),
        new OrderId(Columns.uuid(rs, "order_id")),
        new UserId(Columns.uuid(rs, "user_id")),
        Money.of(rs.getLong("amount_minor"), rs.getString("currency")),
        PaymentStatus.valueOf(rs.getString("status")),
        rs.getString("provider"),
        rs.getString("provider_payment_id"),
        rs.getString("client_secret"),
        rs.getString("failure_reason"),
        Columns.instant(rs, "created_at"),
        Columns.instant(rs, "updated_at"));
  }
}
