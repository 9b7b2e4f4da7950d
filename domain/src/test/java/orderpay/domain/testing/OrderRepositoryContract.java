package orderpay.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import orderpay.domain.money.Money;
import orderpay.domain.order.HistoryKind;
import orderpay.domain.order.Order;
import orderpay.domain.order.OrderHistory;
import orderpay.domain.order.OrderLimits.OpenOrders;
import orderpay.domain.order.OrderPayment;
import orderpay.domain.order.OrderRepository;
import orderpay.domain.order.OrderStatus;
import orderpay.domain.order.OrderSummary;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link OrderRepository} must do; run against the fake and PostgreSQL. */
public abstract class OrderRepositoryContract extends OrderStoresContract {
  private final UserId ann = new UserId(UUID.randomUUID());
  private OrderRepository orders;

  @BeforeEach
  void setUp() {
    orders = stores.orders();
  }

  private boolean add(Order order, String fingerprint) {
    return stores.transactions().inTransaction(() -> orders.addIfAbsent(order, fingerprint));
  }

  private Order.Snapshot found(OrderId id) {
    return orders.find(id).orElseThrow().snapshot();
  }

  private List<HistoryKind> historyOf(OrderId id) {
    return stores.history().of(id).stream().map(OrderHistory.Line::kind).toList();
  }

  @Test
  void anOrderIsStoredOnceAndReadBackWholeByIdUnderLockAndByItsKey() {
    var order = OrderStores.placed(ann, "key-1", clock);
    assertThat(add(order, "fingerprint-1")).isTrue();
    assertThat(add(order, "fingerprint-1")).as("the same order again").isFalse();

    assertThat(found(order.id())).isEqualTo(order.snapshot());
    assertThat(orders.find(order.id()).orElseThrow().total()).isEqualTo(Money.of(5450, "EUR"));
    assertThat(
            stores
                .transactions()
                .inTransaction(() -> orders.findForUpdate(order.id()).orElseThrow().snapshot()))
        .isEqualTo(order.snapshot());
    var keyed = orders.findByIdempotencyKey(ann, "key-1").orElseThrow();
    assertThat(keyed.order().snapshot()).isEqualTo(order.snapshot());
    assertThat(keyed.requestFingerprint()).isEqualTo("fingerprint-1");

    var unknown = new OrderId(UUID.randomUUID());
    assertThat(orders.find(unknown)).isEmpty();
    assertThat(stores.transactions().inTransaction(() -> orders.findForUpdate(unknown))).isEmpty();
    assertThat(orders.findByIdempotencyKey(ann, "key-2")).isEmpty();
    assertThat(orders.findByIdempotencyKey(new UserId(UUID.randomUUID()), "key-1")).isEmpty();
  }

  @Test
  void anIdempotencyKeyIsOneOrderPerUser() {
    var first = OrderStores.placed(ann, "key-1", clock);
    add(first, "fingerprint-1");
    assertThat(add(OrderStores.placed(ann, "key-1", clock), "fingerprint-2")).isFalse();
    assertThat(add(OrderStores.placed(new UserId(UUID.randomUUID()), "key-1", clock), "f"))
        .as("another user's key")
        .isTrue();
    assertThat(orders.findByIdempotencyKey(ann, "key-1").orElseThrow().order().id())
        .isEqualTo(first.id());
  }

  @Test
  void anUpdateStoresTheTransitionAndTheHistoryItNoted() {
    var order = stored(ann);
    clock.advance(Duration.ofSeconds(5));
    var changed =
        stores.change(
            order.id(),
            o -> {
              o.stockReserved(clock);
              o.accept(new OrderPayment("pay-1", "PENDING", "stripe", "pi_1", "secret"), clock);
              o.markFailed("card_declined", clock);
            });

    assertThat(found(order.id())).isEqualTo(changed.snapshot());
    assertThat(found(order.id()).updatedAt()).isEqualTo(clock.instant());
    assertThat(historyOf(order.id()))
        .containsExactly(
            HistoryKind.CREATED,
            HistoryKind.STOCK_RESERVED,
            HistoryKind.PAYMENT_STARTED,
            HistoryKind.FAILED);
  }

  @Test
  void openOrdersAreTheUsersPendingOrdersAndTheUnitsTheyHold() {
    stored(ann);
    stored(ann);
    var paid = stored(ann);
    stores.change(paid.id(), o -> o.markPaid(clock));
    stored(new UserId(UUID.randomUUID()));

    assertThat(orders.openOrdersOf(ann)).isEqualTo(new OpenOrders(2, 6));
    assertThat(orders.openOrdersOf(new UserId(UUID.randomUUID()))).isEqualTo(new OpenOrders(0, 0));
  }

  @Test
  void onlyAnOrderThatNeverStartedIsDiscardedWithItsHistoryAndItsKey() {
    var unstarted = stores.stored(ann, "key-1", clock);
    var reserved = stored(ann);
    stores.change(reserved.id(), o -> o.stockReserved(clock));

    stores.transactions().run(() -> orders.discardUnstarted(unstarted.id()));
    stores.transactions().run(() -> orders.discardUnstarted(reserved.id()));
    stores.transactions().run(() -> orders.discardUnstarted(new OrderId(UUID.randomUUID())));

    assertThat(orders.find(unstarted.id())).isEmpty();
    assertThat(historyOf(unstarted.id())).isEmpty();
    assertThat(orders.findByIdempotencyKey(ann, "key-1")).isEmpty();
    assertThat(add(OrderStores.placed(ann, "key-1", clock), "f")).isTrue();
    assertThat(orders.find(reserved.id())).isPresent();
    assertThat(historyOf(reserved.id()))
        .containsExactly(HistoryKind.CREATED, HistoryKind.STOCK_RESERVED);
  }

  @Test
  void summariesAreTheOrdersCreatedSinceAnInstantAndThoseAskedForById() {
    var old = stored(ann);
    clock.advance(Duration.ofDays(10));
    var from = clock.instant();
    var recent = stored(ann);
    stores.change(recent.id(), o -> o.markPaid(clock));
    var neverStored = OrderStores.placed(ann, null, clock);

    assertThat(orders.summaries(List.of(), from))
        .containsExactly(
            new OrderSummary(recent.id(), OrderStatus.PAID, recent.total(), recent.createdAt()));
    assertThat(orders.summaries(List.of(old.id(), neverStored.id()), from))
        .containsExactlyInAnyOrder(
            new OrderSummary(old.id(), OrderStatus.PENDING, old.total(), old.createdAt()),
            new OrderSummary(recent.id(), OrderStatus.PAID, recent.total(), recent.createdAt()));
  }

  @Test
  void ordersAreListedNewestIdFirstAndPagedAfterTheLastOneSeen() {
    var bob = new UserId(UUID.randomUUID());
    var all = new ArrayList<Order>();
    for (int i = 0; i < 6; i++) { // random ids: about half have the top bit set
      all.add(stored(i % 2 == 0 ? ann : bob));
    }
    all.sort((a, b) -> PostgresOrder.UUIDS.compare(b.id().value(), a.id().value()));

    var seen = new ArrayList<OrderId>();
    Optional<OrderId> before = Optional.empty();
    List<Order> page;
    do {
      page = orders.list(Optional.empty(), Optional.empty(), Optional.empty(), before, 4);
      assertThat(page.size()).isLessThanOrEqualTo(4);
      page.forEach(order -> seen.add(order.id()));
      before = page.isEmpty() ? before : Optional.of(page.getLast().id());
    } while (!page.isEmpty());

    assertThat(seen).containsExactlyElementsOf(all.stream().map(Order::id).toList());
    assertThat(
            orders.list(Optional.of(ann), Optional.empty(), Optional.empty(), Optional.empty(), 9))
        .allSatisfy(order -> assertThat(order.userId()).isEqualTo(ann))
        .hasSize(3)
        .allSatisfy(order -> assertThat(order.lines()).hasSize(2));
  }

  @Test
  void aListingFiltersByStatusAndAge() {
    var old = stored(ann);
    clock.advance(Duration.ofHours(1));
    var paid = stored(ann);
    stores.change(paid.id(), o -> o.markPaid(clock));
    var recent = stored(ann);

    assertThat(
            orders.list(
                Optional.of(ann),
                Optional.of(OrderStatus.PENDING),
                Optional.empty(),
                Optional.empty(),
                10))
        .extracting(Order::id)
        .containsExactlyInAnyOrder(old.id(), recent.id());
    assertThat(
            orders.list(
                Optional.empty(),
                Optional.empty(),
                Optional.of(clock.instant()),
                Optional.empty(),
                10))
        .extracting(Order::id)
        .containsExactly(old.id());
  }

  @Test
  void stuckOrdersArePendingShortOfAcceptedAndUntouchedSinceOldestFirst() {
    clock.advance(Duration.ofSeconds(10));
    var reserved = stored(ann);
    stores.change(reserved.id(), o -> o.stockReserved(clock));
    clock.advance(Duration.ofSeconds(-10)); // created before the other, stored after it
    var recorded = stored(ann);
    clock.advance(Duration.ofSeconds(1));
    var accepted = stored(ann);
    stores.change(
        accepted.id(), o -> o.accept(new OrderPayment("p", "PENDING", "s", null, null), clock));
    var failed = stored(ann);
    stores.change(failed.id(), o -> o.markFailed("out_of_stock", clock));
    var before = clock.instant().plusSeconds(20);
    clock.advance(Duration.ofSeconds(20));
    stored(ann); // touched too lately

    assertThat(orders.findStuck(before, before, 10))
        .extracting(Order::id)
        .containsExactly(recorded.id(), reserved.id());
    assertThat(orders.findStuck(before, before, 1))
        .extracting(Order::id)
        .containsExactly(recorded.id());
    assertThat(orders.findUnpaidSince(before, before, 10))
        .extracting(Order::id)
        .containsExactly(recorded.id(), accepted.id(), reserved.id());
  }

  @Test
  void aDeferredOrderIsSkippedByTheSweepsUntilItsNextAttemptWhichCountsItsFailures() {
    var order = stored(ann);
    var now = clock.instant().plusSeconds(60);
    var failuresSeen = new ArrayList<Integer>();
    for (int i = 0; i < 2; i++) {
      orders.deferSweep(
          order.id(),
          "inventory unreachable",
          failures -> {
            failuresSeen.add(failures);
            return now.plusSeconds(10L * failures);
          });
    }

    assertThat(failuresSeen).containsExactly(1, 2);
    assertThat(orders.findStuck(now, now.plusSeconds(19), 10)).isEmpty();
    assertThat(orders.findUnpaidSince(now, now.plusSeconds(19), 10)).isEmpty();
    assertThat(orders.findStuck(now, now.plusSeconds(20), 10))
        .extracting(Order::id)
        .containsExactly(order.id());
    assertThat(orders.findUnpaidSince(now, now.plusSeconds(20), 10)).hasSize(1);
    assertThat(stores.history().of(order.id()))
        .extracting(OrderHistory.Line::detail)
        .endsWith("next attempt at " + now.plusSeconds(20) + ": inventory unreachable");
    assertThat(historyOf(order.id()))
        .containsExactly(
            HistoryKind.CREATED, HistoryKind.SWEEP_DEFERRED, HistoryKind.SWEEP_DEFERRED);
  }
}
