package orderpay.adapters.postgres.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import orderpay.adapters.postgres.Database;
import orderpay.adapters.postgres.PostgresTestDatabase;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.money.Money;
import orderpay.domain.order.Order;
import orderpay.domain.order.OrderLine;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.UserId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An order is read with its lines in one statement; these reads must still be whole and locked. */
class JdbiOrderRepositoryTest {
  private static Database database;
  private static JdbiOrderRepository orders;
  private static final Clock clock = Clock.systemUTC();

  @BeforeAll
  static void start() {
    database = PostgresTestDatabase.open(JdbiOrderRepositoryTest.class, "order");
    orders =
        new JdbiOrderRepository(
            database.transactions(), new JdbiOrderHistory(database.transactions(), clock));
  }

  @AfterAll
  static void close() {
    database.close();
  }

  private static Order twoLineOrder(UserId user, String key) {
    return Order.place(
        new OrderId(UUID.randomUUID()),
        user,
        key,
        List.of(
            new OrderLine(new ProductId(UUID.randomUUID()), "Kettle", 2, Money.of(2999, "EUR")),
            new OrderLine(new ProductId(UUID.randomUUID()), "Mug", 1, Money.of(450, "EUR"))),
        "1 Main St",
        "pm_card_visa",
        clock);
  }

  @Test
  void anOrderIsReadBackWithItsLinesInOrderByIdByLockAndByIdempotencyKey() {
    var user = new UserId(UUID.randomUUID());
    var order = twoLineOrder(user, "key-1");
    database.transactions().run(() -> orders.addIfAbsent(order, "fingerprint-1"));

    var found = orders.find(order.id()).orElseThrow();
    assertThat(found.lines()).isEqualTo(order.lines());
    assertThat(found.total()).isEqualTo(Money.of(2 * 2999 + 450, "EUR"));
    assertThat(found.userId()).isEqualTo(user);
    var locked =
        database.transactions().inTransaction(() -> orders.findForUpdate(order.id()).orElseThrow());
    assertThat(locked.lines()).isEqualTo(order.lines());
    var keyed = orders.findByIdempotencyKey(user, "key-1").orElseThrow();
    assertThat(keyed.order().id()).isEqualTo(order.id());
    assertThat(keyed.order().lines()).isEqualTo(order.lines());
    assertThat(keyed.requestFingerprint()).isEqualTo("fingerprint-1");

    assertThat(orders.find(new OrderId(UUID.randomUUID()))).isEmpty();
    assertThat(orders.findByIdempotencyKey(user, "key-2")).isEmpty();
    assertThat(orders.findByIdempotencyKey(new UserId(UUID.randomUUID()), "key-1")).isEmpty();
  }

  @Test
  void ordersAreListedNewestFirstAcrossCustomersOrForOneByStatusAndAge() {
    var ann = new UserId(UUID.randomUUID());
    var bob = new UserId(UUID.randomUUID());
    var ids = new orderpay.adapters.postgres.UuidV7Generator(clock);
    java.util.function.BiFunction<UserId, java.time.Instant, Order> placed =
        (user, at) -> {
          var order =
              Order.place(
                  new OrderId(ids.newId()),
                  user,
                  null,
                  List.of(
                      new OrderLine(
                          new ProductId(UUID.randomUUID()), "Mug", 1, Money.of(450, "EUR"))),
                  "1 Main St",
                  null,
                  java.time.Clock.fixed(at, java.time.ZoneOffset.UTC));
          database.transactions().run(() -> orders.addIfAbsent(order, null));
          return order;
        };
    var now = clock.instant();
    var annOld = placed.apply(ann, now.minusSeconds(3600));
    var bobOld = placed.apply(bob, now.minusSeconds(3600));
    var annNew = placed.apply(ann, now);
    database
        .transactions()
        .run(
            () -> {
              var paid = orders.findForUpdate(annNew.id()).orElseThrow();
              paid.markPaid(clock);
              orders.update(paid);
            });
    java.util.function.Function<List<Order>, List<OrderId>> idsOf =
        list -> list.stream().map(Order::id).toList();
    var none = java.util.Optional.<UserId>empty();
    var anyStatus = java.util.Optional.<orderpay.domain.order.OrderStatus>empty();
    var anyAge = java.util.Optional.<java.time.Instant>empty();
    var first = java.util.Optional.<OrderId>empty();

    var everyone = orders.list(none, anyStatus, anyAge, first, 100);
    assertThat(idsOf.apply(everyone)).containsSubsequence(annNew.id(), bobOld.id(), annOld.id());
    assertThat(everyone)
        .filteredOn(order -> order.id().equals(annNew.id()))
        .singleElement()
        .satisfies(order -> assertThat(order.lines()).hasSize(1));
    assertThat(idsOf.apply(orders.list(java.util.Optional.of(ann), anyStatus, anyAge, first, 100)))
        .containsExactly(annNew.id(), annOld.id());
    var pendingOlderThanHalfAnHour =
        orders.list(
            none,
            java.util.Optional.of(orderpay.domain.order.OrderStatus.PENDING),
            java.util.Optional.of(now.minusSeconds(1800)),
            first,
            100);
    assertThat(idsOf.apply(pendingOlderThanHalfAnHour)).contains(bobOld.id(), annOld.id());
    assertThat(idsOf.apply(pendingOlderThanHalfAnHour)).doesNotContain(annNew.id());
    assertThat(
            idsOf.apply(
                orders.list(
                    java.util.Optional.of(ann),
                    anyStatus,
                    anyAge,
                    java.util.Optional.of(annNew.id()),
                    100)))
        .containsExactly(annOld.id());
  }

  @Test
  void findForUpdateHoldsTheOrderUntilTheTransactionEnds() throws Exception {
    var order = twoLineOrder(new UserId(UUID.randomUUID()), null);
    database.transactions().run(() -> orders.addIfAbsent(order, null));
    var holding = new java.util.concurrent.CountDownLatch(1);
    var release = new java.util.concurrent.CountDownLatch(1);
    var holder =
        CompletableFuture.runAsync(
            () ->
                database
                    .transactions()
                    .run(
                        () -> {
                          orders.findForUpdate(order.id()).orElseThrow();
                          holding.countDown();
                          try {
                            release.await(10, TimeUnit.SECONDS);
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                        }));
    assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
    var waiter =
        CompletableFuture.supplyAsync(
            () ->
                database
                    .transactions()
                    .inTransaction(() -> orders.findForUpdate(order.id()).orElseThrow()));
    // the second lock waits while the first transaction is open
    assertThat(waiter).failsWithin(300, TimeUnit.MILLISECONDS);
    release.countDown();
    holder.get(10, TimeUnit.SECONDS);
    assertThat(waiter.get(10, TimeUnit.SECONDS).lines()).hasSize(2);
  }

  @Test
  void summariesAreTheOrdersCreatedSinceAnInstantAndThoseAskedForById() {
    var user = new UserId(UUID.randomUUID());
    var now = java.time.Instant.now();
    var old =
        Order.place(
            new OrderId(UUID.randomUUID()),
            user,
            null,
            List.of(
                new OrderLine(new ProductId(UUID.randomUUID()), "Lamp", 3, Money.of(1200, "EUR"))),
            "1 Main St",
            null,
            Clock.fixed(now.minus(java.time.Duration.ofDays(10)), java.time.ZoneOffset.UTC));
    var older = twoLineOrder(user, null);
    var recent = twoLineOrder(user, null);
    database.transactions().run(() -> orders.addIfAbsent(old, "f-old"));
    database.transactions().run(() -> orders.addIfAbsent(recent, "f-recent"));
    var from = now.minus(java.time.Duration.ofDays(1));

    var inWindow = orders.summaries(List.of(), from);
    assertThat(inWindow).extracting(s -> s.id()).contains(recent.id()).doesNotContain(old.id());
    var asked = orders.summaries(List.of(old.id(), older.id()), from); // older was never stored
    assertThat(asked)
        .extracting(s -> s.id())
        .contains(old.id(), recent.id())
        .doesNotContain(older.id());
    var summary = asked.stream().filter(s -> s.id().equals(old.id())).findFirst().orElseThrow();
    assertThat(summary.total()).isEqualTo(Money.of(3600, "EUR"));
    assertThat(summary.status()).isEqualTo(orderpay.domain.order.OrderStatus.PENDING);
    assertThat(summary.createdAt()).isBefore(from);
  }
}
