package orderpay.domain.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import orderpay.domain.catalog.PricedProduct;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.inventory.InsufficientStock;
import orderpay.domain.inventory.Reservation;
import orderpay.domain.inventory.ReservationLine;
import orderpay.domain.inventory.ReservationStatus;
import orderpay.domain.inventory.StockReservations;
import orderpay.domain.money.Money;
import orderpay.domain.payment.Payment;
import orderpay.domain.payment.PaymentStatus;
import orderpay.domain.shared.Backoff;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.OrderId;
import orderpay.domain.testing.ImmediateTransactions;
import orderpay.domain.testing.InMemoryFollowUps;
import orderpay.domain.testing.InMemoryOrderRepository;
import orderpay.domain.testing.MutableClock;
import orderpay.domain.testing.RecordingEvents;
import orderpay.domain.testing.SequentialIds;
import orderpay.domain.user.UserId;
import org.junit.jupiter.api.Test;

/** The saga's rules over fakes of the three services it calls. */
class PlaceOrderTest {
  private final MutableClock clock = MutableClock.startingAt("2026-05-01T09:00:00Z");
  private final ProductId teapot = new ProductId(UUID.randomUUID());
  private final UserId customer = new UserId(UUID.randomUUID());
  private final InMemoryOrderRepository orders = new InMemoryOrderRepository();
  private final InMemoryFollowUps followUps = new InMemoryFollowUps();
  private final PaymentWindow window =
      new PaymentWindow(Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofSeconds(5));
  private final OrderLimits limits = new OrderLimits(3, 10);
  private final RecordingEvents events = new RecordingEvents();
  private final List<String> calls = new ArrayList<>();
  private long stock = 5;

  /** Runs while a reserve is in flight, e.g. the customer's cancel overtaking it. */
  private java.util.function.Consumer<OrderId> whileReserving = orderId -> {};

  private final FakePayments payments = new FakePayments();
  private final SettleOrder settle =
      new SettleOrder(orders, followUps, new ImmediateTransactions(), events, clock);
  private final ExpireUnpaidOrders expiry =
      new ExpireUnpaidOrders(payments, settle, Backoff.SWEEPS);
  private final RunFollowUps runFollowUps =
      new RunFollowUps(
          followUps,
          payments,
          settle,
          orders,
          new ImmediateTransactions(),
          events,
          clock,
          Backoff.SWEEPS);
  private final PlaceOrder place =
      new PlaceOrder(
          orders,
          ids ->
              ids.contains(teapot)
                  ? Map.of(teapot, new PricedProduct(teapot, "Teapot", Money.of(2500, "EUR")))
                  : Map.of(),
          new StockReservations() {
            @Override
            public Reservation reserve(OrderId orderId, List<ReservationLine> lines) {
              calls.add("reserve " + orderId);
              whileReserving.accept(orderId);
              long wanted = lines.getFirst().quantity();
              if (wanted > stock) {
                throw new InsufficientStock(
                    List.of(new InsufficientStock.Shortage(teapot, wanted, stock)));
              }
              return new Reservation(
                  orderId, lines, ReservationStatus.RESERVED, clock.instant().plusSeconds(900));
            }

            @Override
            public void release(OrderId orderId) {
              calls.add("release " + orderId);
            }
          },
          payments,
          followUps,
          window,
          limits,
          new ImmediateTransactions(),
          events,
          new SequentialIds(),
          clock);

  final class FakePayments implements Payments {
    final Map<OrderId, Payment> byOrder = new HashMap<>();
    int failingCancels;

    /** Runs while initiate is in flight, e.g. the payment's event overtaking its answer. */
    java.util.function.Consumer<Payment> whileInitiating = payment -> {};

    @Override
    public void checkPaymentMethod(String paymentMethod) {
      calls.add("check " + paymentMethod);
      if (!paymentMethod.startsWith("pm_card_")) {
        throw DomainException.invalidField("payment_method", "unknown payment_method");
      }
    }

    @Override
    public PaymentUpdate initiate(
        OrderId orderId, UserId userId, Money amount, String paymentMethod, int attempt) {
      calls.add("pay " + orderId);
      var started =
          byOrder.computeIfAbsent(
              orderId,
              id ->
                  payment(
                      id,
                      switch (String.valueOf(paymentMethod)) {
                        case "pm_card_visa" -> PaymentStatus.SUCCEEDED;
                        case "pm_card_chargeDeclined" -> PaymentStatus.FAILED;
                        default -> PaymentStatus.PENDING;
                      }));
      whileInitiating.accept(started);
      return PaymentUpdate.of(started);
    }

    @Override
    public PaymentUpdate cancel(OrderId orderId) {
      calls.add("cancel " + orderId);
      if (failingCancels > 0) {
        failingCancels--;
        throw new DomainException(
            orderpay.domain.shared.ErrorKind.UNAVAILABLE, "unavailable", "payment service down");
      }
      var current = byOrder.get(orderId);
      if (current == null) {
        throw DomainException.notFound("payment", orderId.toString());
      }
      return PaymentUpdate.of(
          current.status() == PaymentStatus.SUCCEEDED
              ? current
              : put(orderId, PaymentStatus.CANCELLED));
    }

    @Override
    public PaymentUpdate refund(OrderId orderId) {
      calls.add("refund " + orderId);
      return PaymentUpdate.of(put(orderId, PaymentStatus.REFUNDED));
    }

    private Payment put(OrderId orderId, PaymentStatus status) {
      var payment = payment(orderId, status);
      byOrder.put(orderId, payment);
      return payment;
    }

    private Payment payment(OrderId orderId, PaymentStatus status) {
      return new Payment(
          "pay-" + orderId,
          orderId,
          customer,
          Money.of(2500, "EUR"),
          status,
          "fake",
          "pi_" + orderId,
          "secret",
          null,
          Instant.EPOCH,
          Instant.EPOCH);
    }
  }

  private PlaceOrder.Command command(long quantity, String paymentMethod, String key) {
    return new PlaceOrder.Command(
        customer,
        key,
        List.of(new PlaceOrder.Item(teapot.toString(), quantity)),
        "1 Main St",
        "EUR",
        paymentMethod);
  }

  @Test
  void aConfirmedPaymentPaysTheOrderAndAnnouncesItOnce() {
    var order = place.place(command(2, "pm_card_visa", null));
    assertThat(order.status()).isEqualTo(OrderStatus.PAID);
    assertThat(order.total()).isEqualTo(Money.of(5000, "EUR"));
    assertThat(events.published)
        .hasExactlyElementsOfTypes(OrderEvent.Placed.class, OrderEvent.Paid.class);
  }

  @Test
  void eachStepOfTheSagaIsInTheOrdersHistoryAndARefusedOrderLeavesNone() {
    var paid = place.place(command(2, "pm_card_visa", null));
    assertThat(orders.history.kinds(paid.id()))
        .containsExactly(
            HistoryKind.CREATED,
            HistoryKind.STOCK_RESERVED,
            HistoryKind.PAYMENT_STARTED,
            HistoryKind.PAID);
    assertThat(orders.history.of(paid.id()).getFirst().detail())
        .isEqualTo("1 line(s), total 50.00 EUR, pm_card_visa");

    var declined = place.place(command(1, "pm_card_chargeDeclined", null));
    assertThat(orders.history.of(declined.id()))
        .extracting(OrderHistory.Line::kind, OrderHistory.Line::detail)
        .endsWith(org.assertj.core.groups.Tuple.tuple(HistoryKind.FAILED, "payment_failed"));

    stock = 0;
    assertThatThrownBy(() -> place.place(command(1, null, null)))
        .isInstanceOf(InsufficientStock.class);
    assertThat(orders.history.orders()).containsExactlyInAnyOrder(paid.id(), declined.id());
  }

  @Test
  void aDeclineFailsTheOrderAndCancelsTheIntentAfterCommit() {
    var order = place.place(command(1, "pm_card_chargeDeclined", null));
    assertThat(order.status()).isEqualTo(OrderStatus.FAILED);
    assertThat(calls).doesNotContain("cancel " + order.id()); // never inside the transaction
    assertThat(followUps.pending(order.id())).containsExactly(FollowUpAction.CANCEL_PAYMENT);
    runFollowUps.runDue(10);
    assertThat(calls).contains("cancel " + order.id());
    assertThat(followUps.pending(order.id())).isEmpty();
  }

  @Test
  void insufficientStockLeavesNoOrderNoEventAndNoPayment() {
    assertThatThrownBy(() -> place.place(command(9, "pm_card_visa", "short-1")))
        .isInstanceOf(InsufficientStock.class);
    assertThat(orders.rows).isEmpty();
    assertThat(calls).noneMatch(c -> c.startsWith("pay"));
    assertThat(events.published).isEmpty();
    // the same key later, with stock there, is a fresh attempt
    stock = 9;
    assertThat(place.place(command(9, "pm_card_visa", "short-1")).status())
        .isEqualTo(OrderStatus.PAID);
  }

  @Test
  void theSameKeyIsTheSameOrderAndNothingRunsTwice() {
    var first = place.place(command(1, "pm_card_visa", "key-1"));
    var again = place.place(command(1, "pm_card_visa", "key-1"));
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(calls)
        .containsExactly("check pm_card_visa", "reserve " + first.id(), "pay " + first.id());
  }

  @Test
  void anOrderThatEndsWhileItsUnitsAreReservedGivesThemBackAndIsNeverCharged() {
    // the customer's cancel lands while the saga's reserve is on its way: the release it triggers
    // can reach the inventory before the hold does, so the saga gives the units back itself
    whileReserving =
        orderId -> {
          var order = orders.findForUpdate(orderId).orElseThrow();
          order.cancel(clock);
          orders.update(order);
        };
    var order = place.place(command(1, "pm_card_visa", null));
    assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(calls)
        .containsExactly("check pm_card_visa", "reserve " + order.id(), "release " + order.id());
  }

  @Test
  void anAcceptedPaymentMethodIsCheckedOnceAndARefusedOneEveryTime() {
    place.place(command(1, "pm_card_visa", null));
    place.place(command(1, "pm_card_visa", null));
    assertThatThrownBy(() -> place.place(command(1, "pm_nonsense", null)))
        .isInstanceOf(DomainException.class);
    assertThatThrownBy(() -> place.place(command(1, "pm_nonsense", null)))
        .isInstanceOf(DomainException.class);
    assertThat(calls.stream().filter(c -> c.startsWith("check ")))
        .containsExactly("check pm_card_visa", "check pm_nonsense", "check pm_nonsense");
    assertThat(orders.rows).hasSize(2);
  }

  @Test
  void unknownProductsAndCurrenciesAreRefusedBeforeAnythingIsRecorded() {
    var unknown =
        new PlaceOrder.Command(
            customer,
            null,
            List.of(new PlaceOrder.Item(UUID.randomUUID().toString(), 1)),
            "x",
            "EUR",
            null);
    assertThatThrownBy(() -> place.place(unknown)).hasMessageContaining("unknown product");
    var dollars =
        new PlaceOrder.Command(
            customer, null, List.of(new PlaceOrder.Item(teapot.toString(), 1)), "x", "USD", null);
    assertThatThrownBy(() -> place.place(dollars)).isInstanceOf(DomainException.class);
    assertThat(orders.rows).isEmpty();
    assertThat(calls).isEmpty();
  }

  @Test
  void resumingAnInterruptedOrderFinishesItAndResumingAgainRepeatsNothing() {
    var order = recorded(1, "pm_card_visa");
    orders.addIfAbsent(order); // the crash happened right after the order was recorded
    assertThat(place.resume(order.id()).status()).isEqualTo(OrderStatus.PAID);
    place.resume(order.id());
    assertThat(calls).containsExactly("reserve " + order.id(), "pay " + order.id());
  }

  @Test
  void aSuccessForAnOrderThatIsAlreadyOverIsRefunded() {
    var order = place.place(command(1, null, null));
    assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
    expiry.expire(order.id());
    assertThat(orders.find(order.id()).orElseThrow().failureReason()).isEqualTo("payment_expired");
    var lateSuccess = payments.put(order.id(), PaymentStatus.SUCCEEDED);
    settle.apply(order.id(), PaymentUpdate.of(lateSuccess));
    runFollowUps.runDue(10);
    assertThat(calls).contains("refund " + order.id());
    assertThat(orders.find(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.FAILED);
  }

  @Test
  void aPaymentCallThatFailsIsRetriedWithBackoffAndNeverRollsTheTransitionBack() {
    var order = place.place(command(1, "pm_card_chargeDeclined", null));
    payments.failingCancels = 1;
    runFollowUps.runDue(10);
    assertThat(orders.find(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.FAILED);
    assertThat(followUps.attempts(order.id(), FollowUpAction.CANCEL_PAYMENT)).isEqualTo(1);
    assertThat(runFollowUps.runDue(10)).isZero(); // backing off
    clock.advance(Duration.ofSeconds(2));
    runFollowUps.runDue(10);
    assertThat(followUps.pending(order.id())).isEmpty();
    assertThat(payments.byOrder.get(order.id()).status()).isEqualTo(PaymentStatus.CANCELLED);
  }

  @Test
  void resumeNeverChargesAnOrderPastItsPaymentDeadline() {
    var order = recorded(1, "pm_card_visa");
    orders.addIfAbsent(order); // crashed, then a long outage
    clock.advance(Duration.ofMinutes(10));
    var resumed = place.resume(order.id());
    assertThat(resumed.status()).isEqualTo(OrderStatus.FAILED);
    assertThat(resumed.failureReason()).isEqualTo("payment_expired");
    assertThat(calls).noneMatch(c -> c.startsWith("pay") || c.startsWith("reserve"));
  }

  @Test
  void thePaymentWindowMustEndBeforeTheStockHoldDoes() {
    assertThatThrownBy(
            () ->
                new PaymentWindow(
                    Duration.ofMinutes(15), Duration.ofMinutes(15), Duration.ofSeconds(5)))
        .hasMessageContaining("INVENTORY_RESERVATION_TTL");
    assertThatThrownBy(
            () ->
                new PaymentWindow(
                    Duration.ofMinutes(10),
                    Duration.ofMinutes(10).plusSeconds(4),
                    Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aPaidOrderWhoseUnitsAreGoneIsRefundedAndTheCustomerTold() {
    var order = place.place(command(1, "pm_card_visa", null));
    events.published.clear();
    settle.stockUnavailable(order.id());
    settle.stockUnavailable(order.id()); // redelivered
    runFollowUps.runDue(10);
    var refunded = orders.find(order.id()).orElseThrow();
    assertThat(refunded.status()).isEqualTo(OrderStatus.REFUNDED);
    assertThat(refunded.failureReason()).isEqualTo("out_of_stock");
    assertThat(calls.stream().filter(c -> c.equals("refund " + order.id()))).hasSize(1);
    assertThat(events.published).singleElement().isInstanceOf(OrderEvent.Refunded.class);
  }

  @Test
  void anUnknownPaymentMethodIsRefusedBeforeAnythingIsStoredOrReserved() {
    assertThatThrownBy(() -> place.place(command(1, "pm_bogus", null)))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> assertThat(e.details()).containsEntry("field", "payment_method"));
    assertThat(orders.rows).isEmpty();
    assertThat(events.published).isEmpty();
    assertThat(calls).containsExactly("check pm_bogus");
  }

  @Test
  void aCustomerCannotHoldMoreOpenOrdersOrUnitsThanTheLimit() {
    place.place(command(1, null, null));
    place.place(command(1, null, null));
    place.place(command(1, null, null));
    assertThatThrownBy(() -> place.place(command(1, null, null)))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.reason()).isEqualTo("too_many_open_orders"));
    assertThat(orders.rows).hasSize(3);
    var twoTeapots = recorded(2, null);
    var fourUnits = new OrderLimits(10, 4);
    fourUnits.check(new OrderLimits.OpenOrders(1, 2), twoTeapots);
    assertThatThrownBy(() -> fourUnits.check(new OrderLimits.OpenOrders(1, 3), twoTeapots))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.reason()).isEqualTo("too_many_open_orders"));
  }

  @Test
  void theSameKeyWithAnotherBodyIsRefusedAndCreatesNothing() {
    var first = place.place(command(1, "pm_card_visa", "key-9"));
    assertThat(place.place(command(1, "pm_card_visa", "key-9")).id()).isEqualTo(first.id());
    assertThatThrownBy(() -> place.place(command(2, "pm_card_visa", "key-9")))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.reason()).isEqualTo("idempotency_key_reused"));
    assertThat(orders.rows).hasSize(1);
  }

  @Test
  void anOrderCancelledWhileItWasBeingPlacedIsNeverAnnounced() {
    var order = recorded(1, null);
    order.stockReserved(clock);
    order.cancel(clock);
    order.drainEvents();
    order.accept(new OrderPayment("pay", "PENDING", "fake", "pi", null), clock);
    assertThat(order.drainEvents()).isEmpty();
  }

  @Test
  void anOrderPaidByItsEventBeforeTheAnswerCameBackIsAnnouncedOnceAndNotCancelled() {
    // under load, payment.status-updated can settle the order before initiate has answered
    payments.whileInitiating =
        payment -> settle.apply(payment.orderId(), PaymentUpdate.of(payment));
    var order = place.place(command(1, "pm_card_visa", null));
    assertThat(order.status()).isEqualTo(OrderStatus.PAID);
    assertThat(events.published)
        .hasExactlyElementsOfTypes(OrderEvent.Placed.class, OrderEvent.Paid.class);
    runFollowUps.runDue(10);
    assertThat(calls).doesNotContain("cancel " + order.id());
  }

  @Test
  void theCancelledPaymentsEventNeverRacesTheCustomersCancel() {
    var order = place.place(command(1, null, null));
    var cancelledIntent = payments.put(order.id(), PaymentStatus.CANCELLED);
    settle.apply(order.id(), PaymentUpdate.of(cancelledIntent)); // the event came first
    assertThat(orders.find(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.PENDING);
  }

  /** An order as the saga records it before any step, as a crash would leave it. */
  private Order recorded(long teapots, String paymentMethod) {
    return Order.place(
        new OrderId(UUID.randomUUID()),
        customer,
        null,
        List.of(new OrderLine(teapot, "Teapot", teapots, Money.of(2500, "EUR"))),
        "1 Main St",
        paymentMethod,
        clock);
  }

  @Test
  void aParallelRequestWithTheSameKeyNeverAnswersWithAnOrderThatIsThenDiscarded() throws Exception {
    var undecided = recorded(9, "pm_card_visa"); // the first request, still reserving
    var keyed =
        Order.restore(
            new Order.Snapshot(
                undecided.id(),
                customer,
                "race-1",
                undecided.lines(),
                "1 Main St",
                "pm_card_visa",
                OrderStatus.PENDING,
                SagaStep.NEW,
                null,
                null,
                undecided.createdAt(),
                undecided.createdAt()));
    orders.addIfAbsent(keyed, command(9, "pm_card_visa", "race-1").fingerprint());
    var secondSawItUndecided = new CountDownLatch(1);
    orders.afterKeyLookup =
        found -> {
          if (found.isPresent() && found.get().order().step() == SagaStep.NEW) {
            secondSawItUndecided.countDown();
          }
        };
    var firstGivesUp =
        new Thread(
            () -> {
              try {
                // only then does the first request decide (bounded: a failing test must end)
                secondSawItUndecided.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                return;
              }
              orders.discardUnstarted(keyed.id()); // out of stock: nothing may remain
            });
    firstGivesUp.start();
    assertThatThrownBy(() -> place.place(command(9, "pm_card_visa", "race-1")))
        .isInstanceOf(InsufficientStock.class); // the same answer, not a 201 for a ghost
    firstGivesUp.join();
    assertThat(orders.rows).isEmpty();
  }
}
