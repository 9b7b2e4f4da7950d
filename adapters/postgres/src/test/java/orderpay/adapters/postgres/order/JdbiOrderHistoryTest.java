package orderpay.adapters.postgres.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import orderpay.adapters.postgres.Database;
import orderpay.adapters.postgres.PostgresTestDatabase;
import orderpay.adapters.postgres.messaging.EventSerializer;
import orderpay.adapters.postgres.messaging.OutboxEventPublisher;
import orderpay.adapters.telemetry.Traces;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.money.Money;
import orderpay.domain.order.FollowUpAction;
import orderpay.domain.order.HistoryEntry;
import orderpay.domain.order.HistoryKind;
import orderpay.domain.order.Order;
import orderpay.domain.order.OrderHistory;
import orderpay.domain.order.OrderLine;
import orderpay.domain.order.OrderPayment;
import orderpay.domain.shared.OrderId;
import orderpay.domain.testing.MutableClock;
import orderpay.domain.testing.SequentialIds;
import orderpay.domain.user.UserId;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An order's history is written by the transaction of what it tells, as that transaction's last
 * statement: one INSERT however many entries, nothing for a rollback, and the trace it ran in.
 */
class JdbiOrderHistoryTest {
  private static final MutableClock clock = MutableClock.startingAt("2026-05-01T09:00:00Z");
  private static final AtomicInteger historyInserts = new AtomicInteger();
  private static Database database;
  private static JdbiOrderHistory history;
  private static JdbiOrderRepository orders;
  private static JdbiFollowUpQueue followUps;
  private static OutboxEventPublisher events;

  @BeforeAll
  static void start() {
    database = PostgresTestDatabase.open(JdbiOrderHistoryTest.class, "order");
    database
        .jdbi()
        .setSqlLogger(
            new SqlLogger() {
              @Override
              public void logAfterExecution(StatementContext context) {
                if (context.getRenderedSql().contains("INSERT INTO order_history")) {
                  historyInserts.incrementAndGet();
                }
              }
            });
    var tx = database.transactions();
    history = new JdbiOrderHistory(tx, clock);
    orders = new JdbiOrderRepository(tx, history);
    followUps = new JdbiFollowUpQueue(tx, history);
    events =
        new OutboxEventPublisher(
            tx,
            event ->
                new EventSerializer.Serialized(
                    "order.created", "OrderCreated", "x".getBytes(StandardCharsets.UTF_8)),
            new SequentialIds(),
            "test.",
            List.of(),
            List.of(
                (event, eventId, topic, type) ->
                    history.record(
                        OrderId.parse(event.aggregateId()),
                        HistoryEntry.published(topic, type, eventId.toString()))));
  }

  @AfterAll
  static void close() {
    database.close();
  }

  private static Order newOrder() {
    return Order.place(
        new OrderId(UUID.randomUUID()),
        new UserId(UUID.randomUUID()),
        null,
        List.of(
            new OrderLine(new ProductId(UUID.randomUUID()), "Kettle", 1, Money.of(2999, "EUR"))),
        "1 Main St",
        null,
        clock);
  }

  @Test
  void aTransactionWritesEverythingItRecordsInOneStatementInTheOrderItHappened() {
    var order = newOrder();
    int before = historyInserts.get();
    database.transactions().run(() -> orders.addIfAbsent(order, "fingerprint"));
    assertThat(historyInserts.get() - before).isEqualTo(1);

    before = historyInserts.get();
    database
        .transactions()
        .run(
            () -> {
              var locked = orders.findForUpdate(order.id()).orElseThrow();
              locked.stockReserved(clock);
              locked.accept(new OrderPayment("pay-1", "PENDING", "stripe", "pi_1", null), clock);
              orders.update(locked);
              followUps.schedule(order.id(), FollowUpAction.CANCEL_PAYMENT, clock.instant());
              followUps.schedule(order.id(), FollowUpAction.CANCEL_PAYMENT, clock.instant());
              locked.drainEvents().forEach(events::publish);
            });
    assertThat(historyInserts.get() - before).as("one INSERT for five entries").isEqualTo(1);

    assertThat(history.of(order.id()))
        .extracting(OrderHistory.Line::kind, OrderHistory.Line::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(HistoryKind.CREATED, "1 line(s), total 29.99 EUR"),
            org.assertj.core.groups.Tuple.tuple(HistoryKind.STOCK_RESERVED, ""),
            org.assertj.core.groups.Tuple.tuple(
                HistoryKind.PAYMENT_STARTED, "pay-1 PENDING at stripe"),
            org.assertj.core.groups.Tuple.tuple(HistoryKind.FOLLOW_UP_REQUESTED, "CANCEL_PAYMENT"),
            org.assertj.core.groups.Tuple.tuple(
                HistoryKind.EVENT_PUBLISHED, "OrderCreated to order.created " + publishedId()));
  }

  @Test
  void transitionsAreCountedPerWholeMinuteAndKind() {
    // records only a year after the other tests' entries, which the window then leaves out
    var later = new MutableClock(java.time.Instant.parse("2027-05-01T09:00:59Z"));
    var recorder = new JdbiOrderHistory(database.transactions(), later);
    var first = new OrderId(UUID.randomUUID());
    var second = new OrderId(UUID.randomUUID());
    recorder.record(first, new HistoryEntry(HistoryKind.CREATED, ""));
    recorder.record(second, new HistoryEntry(HistoryKind.CREATED, ""));
    recorder.record(second, new HistoryEntry(HistoryKind.STOCK_RESERVED, ""));
    later.advance(java.time.Duration.ofSeconds(2)); // 09:01:01
    recorder.record(first, new HistoryEntry(HistoryKind.PAID, ""));
    recorder.record(second, new HistoryEntry(HistoryKind.FAILED, "payment_failed"));

    var counts =
        history.countPerMinute(
            java.util.Set.of(HistoryKind.CREATED, HistoryKind.PAID, HistoryKind.FAILED),
            java.time.Instant.parse("2027-05-01T09:00:00Z"));

    var nine = java.time.Instant.parse("2027-05-01T09:00:00Z");
    var nineOhOne = java.time.Instant.parse("2027-05-01T09:01:00Z");
    assertThat(counts)
        .containsExactlyInAnyOrder(
            new OrderHistory.MinuteCount(nine, HistoryKind.CREATED, 2),
            new OrderHistory.MinuteCount(nineOhOne, HistoryKind.PAID, 1),
            new OrderHistory.MinuteCount(nineOhOne, HistoryKind.FAILED, 1));
  }

  /** The id of the one event this class publishes, as the outbox holds it. */
  private static String publishedId() {
    return database
        .jdbi()
        .withHandle(h -> h.createQuery("SELECT event_id FROM outbox").mapTo(UUID.class).one())
        .toString();
  }

  @Test
  void aRolledBackTransactionLeavesNoHistoryAndNothingForTheNextOne() {
    var order = newOrder();
    database.transactions().run(() -> orders.addIfAbsent(order, null));
    assertThatThrownBy(
            () ->
                database
                    .transactions()
                    .run(
                        () -> {
                          var locked = orders.findForUpdate(order.id()).orElseThrow();
                          locked.markFailed("card_declined", clock);
                          orders.update(locked);
                          throw new IllegalStateException("the publish failed");
                        }))
        .isInstanceOf(IllegalStateException.class);
    database
        .transactions()
        .run(
            () ->
                history.record(
                    order.id(), HistoryEntry.followUpDone(FollowUpAction.REFUND_PAYMENT)));

    assertThat(history.of(order.id()))
        .extracting(OrderHistory.Line::kind)
        .containsExactly(HistoryKind.CREATED, HistoryKind.FOLLOW_UP_DONE);
  }

  @Test
  void eachEntryKeepsTheTraceThatRecordedItAndStepsOutsideATransactionAreWrittenAtOnce() {
    var order = newOrder();
    var span = Traces.start("POST /api/v1/orders", SpanKind.SERVER, Context.root());
    Traces.within(
        span, () -> database.transactions().inTransaction(() -> orders.addIfAbsent(order, null)));
    clock.advance(java.time.Duration.ofSeconds(1));
    database
        .transactions()
        .run(() -> followUps.schedule(order.id(), FollowUpAction.REFUND_PAYMENT, clock.instant()));
    followUps.retryAt(order.id(), FollowUpAction.REFUND_PAYMENT, clock.instant(), "unavailable");
    followUps.done(order.id(), FollowUpAction.REFUND_PAYMENT, clock.instant());
    orders.deferSweep(order.id(), "recovery failed: timeout", failures -> clock.instant());

    var lines = history.of(order.id());
    assertThat(lines)
        .extracting(OrderHistory.Line::kind)
        .containsExactly(
            HistoryKind.CREATED,
            HistoryKind.FOLLOW_UP_REQUESTED,
            HistoryKind.FOLLOW_UP_FAILED,
            HistoryKind.FOLLOW_UP_DONE,
            HistoryKind.SWEEP_DEFERRED);
    assertThat(lines.getFirst().traceParent())
        .hasValueSatisfying(
            parent -> assertThat(parent).contains(span.getSpanContext().getTraceId()));
    assertThat(lines.get(1).traceParent()).isEmpty();
    assertThat(lines.get(1).at()).isEqualTo(clock.instant());
    assertThat(lines.get(2).detail()).contains("unavailable");
    assertThat(lines.getLast().detail()).contains("recovery failed: timeout");
  }

  @Test
  void aDiscardedOrderTakesItsHistoryWithIt() {
    var kept = newOrder();
    var discarded = newOrder();
    database
        .transactions()
        .run(
            () -> {
              orders.addIfAbsent(kept, null);
              orders.addIfAbsent(discarded, null);
            });
    database.transactions().run(() -> orders.discardUnstarted(discarded.id()));

    assertThat(history.of(discarded.id())).isEmpty();
    assertThat(history.of(kept.id()))
        .extracting(OrderHistory.Line::kind)
        .containsExactly(HistoryKind.CREATED);
  }
}
