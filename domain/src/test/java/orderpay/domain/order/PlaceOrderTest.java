package orderpay.domain.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import orderpay.domain.catalog.PricedProduct;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.inventory.InsufficientStock;
import orderpay.domain.inventory.Reservation;
import orderpay.domain.inventory.ReservationStatus;
import orderpay.domain.money.Money;
import orderpay.domain.payment.Payment;
import orderpay.domain.payment.PaymentStatus;
import orderpay.domain.payment.Payments;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.OrderId;
import orderpay.domain.testing.ImmediateTransactions;
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
  private final Orders orders = new Orders();
  private final RecordingEvents events = new RecordingEvents();
  private final List<String> calls = new ArrayList<>();
  private long stock = 5;
  private final FakePayments payments = new FakePayments();
  private final SettleOrder settle =
      new SettleOrder(orders, payments, new ImmediateTransactions(), events, clock);
  private final PlaceOrder place =
      new PlaceOrder(
          orders,
          ids ->
              ids.contains(teapot)
                  ? Map.of(teapot, new PricedProduct(teapot, "Teapot", Money.of(2500, "EUR")))
                  : Map.of(),
          (orderId, lines) -> {
            calls.add("reserve " + orderId);
            long wanted = lines.getFirst().quantity();
            if (wanted > stock) {
              throw new InsufficientStock(
                  List.of(new InsufficientStock.Shortage(teapot, wanted, stock)));
            }
            return new Reservation(
                orderId, lines, ReservationStatus.RESERVED, clock.instant().plusSeconds(900));
          },
          payments,
          settle,
          new ImmediateTransactions(),
          events,
          new SequentialIds(),
          clock);

  final class FakePayments implements Payments {
    final Map<OrderId, Payment> byOrder = new HashMap<>();

    @Override
    public Payment initiate(
        OrderId orderId, UserId userId, Money amount, String paymentMethod, int attempt) {
      calls.add("pay " + orderId);
      return byOrder.computeIfAbsent(
          orderId,
          id ->
              payment(
                  id,
                  switch (String.valueOf(paymentMethod)) {
                    case "pm_card_visa" -> PaymentStatus.SUCCEEDED;
                    case "pm_card_chargeDeclined" -> PaymentStatus.FAILED;
                    default -> PaymentStatus.PENDING;
                  }));
    }

    @Override
    public Payment cancel(OrderId orderId) {
      calls.add("cancel " + orderId);
      var current = byOrder.get(orderId);
      return current.status() == PaymentStatus.SUCCEEDED
          ? current
          : put(orderId, PaymentStatus.CANCELLED);
    }

    @Override
    public Payment refund(OrderId orderId) {
      calls.add("refund " + orderId);
      return put(orderId, PaymentStatus.REFUNDED);
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

  static final class Orders implements OrderRepository {
    final Map<OrderId, Order.Snapshot> rows = new HashMap<>();

    @Override
    public boolean addIfAbsent(Order order) {
      if (order.idempotencyKey().isPresent()
          && findByIdempotencyKey(order.userId(), order.idempotencyKey().get()).isPresent()) {
        return false;
      }
      return rows.putIfAbsent(order.id(), order.snapshot()) == null;
    }

    @Override
    public Optional<Order> findByIdempotencyKey(UserId userId, String key) {
      return rows.values().stream()
          .filter(s -> s.userId().equals(userId) && key.equals(s.idempotencyKey()))
          .findFirst()
          .map(Order::restore);
    }

    @Override
    public Optional<Order> find(OrderId id) {
      return Optional.ofNullable(rows.get(id)).map(Order::restore);
    }

    @Override
    public Optional<Order> findForUpdate(OrderId id) {
      return find(id);
    }

    @Override
    public void update(Order order) {
      rows.put(order.id(), order.snapshot());
    }

    @Override
    public List<Order> listByUser(
        UserId userId, Optional<OrderStatus> status, Optional<OrderId> before, int limit) {
      return List.of();
    }

    @Override
    public List<Order> findStuck(Instant before, int limit) {
      return List.of();
    }

    @Override
    public List<Order> findUnpaidSince(Instant before, int limit) {
      return List.of();
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
  void aDeclineFailsTheOrderAndCancelsTheIntent() {
    var order = place.place(command(1, "pm_card_chargeDeclined", null));
    assertThat(order.status()).isEqualTo(OrderStatus.FAILED);
    assertThat(calls).contains("cancel " + order.id());
  }

  @Test
  void insufficientStockFailsTheOrderWithoutAPayment() {
    assertThatThrownBy(() -> place.place(command(9, "pm_card_visa", null)))
        .isInstanceOf(InsufficientStock.class);
    var failed = orders.rows.values().iterator().next();
    assertThat(failed.status()).isEqualTo(OrderStatus.FAILED);
    assertThat(failed.failureReason()).isEqualTo("insufficient_stock");
    assertThat(calls).noneMatch(c -> c.startsWith("pay"));
    assertThat(events.published).singleElement().isInstanceOf(OrderEvent.Failed.class);
  }

  @Test
  void theSameKeyIsTheSameOrderAndNothingRunsTwice() {
    var first = place.place(command(1, "pm_card_visa", "key-1"));
    var again = place.place(command(1, "pm_card_visa", "key-1"));
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(calls).containsExactly("reserve " + first.id(), "pay " + first.id());
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
    var order =
        Order.place(
            new OrderId(UUID.randomUUID()),
            customer,
            null,
            List.of(new OrderLine(teapot, "Teapot", 1, Money.of(2500, "EUR"))),
            "1 Main St",
            "pm_card_visa",
            clock);
    orders.addIfAbsent(order); // the crash happened right after the order was recorded
    assertThat(place.resume(order.id()).status()).isEqualTo(OrderStatus.PAID);
    place.resume(order.id());
    assertThat(calls).containsExactly("reserve " + order.id(), "pay " + order.id());
  }

  @Test
  void aSuccessForAnOrderThatIsAlreadyOverIsRefunded() {
    var order = place.place(command(1, null, null));
    assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
    settle.expire(order.id());
    assertThat(orders.find(order.id()).orElseThrow().failureReason()).isEqualTo("payment_expired");
    var lateSuccess = payments.put(order.id(), PaymentStatus.SUCCEEDED);
    settle.apply(order.id(), PaymentUpdate.of(lateSuccess));
    assertThat(calls).contains("refund " + order.id());
    assertThat(orders.find(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.FAILED);
  }
}
