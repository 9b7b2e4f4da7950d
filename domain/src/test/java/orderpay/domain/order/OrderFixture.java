package orderpay.domain.order;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import orderpay.domain.catalog.PricedProduct;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.inventory.StockReservations;
import orderpay.domain.money.Money;
import orderpay.domain.payment.PaymentStatus;
import orderpay.domain.shared.Backoff;
import orderpay.domain.shared.OrderId;
import orderpay.domain.testing.FakePayments;
import orderpay.domain.testing.ImmediateTransactions;
import orderpay.domain.testing.InMemoryFollowUps;
import orderpay.domain.testing.InMemoryOrderHistory;
import orderpay.domain.testing.InMemoryOrderRepository;
import orderpay.domain.testing.MutableClock;
import orderpay.domain.testing.RecordingEvents;
import orderpay.domain.testing.SequentialIds;
import orderpay.domain.user.UserId;

/**
 * The order service's ports as fakes, and orders stored as the saga leaves them at each step, for
 * the tests of the use cases that move orders after they are placed.
 */
final class OrderFixture {
  final MutableClock clock = MutableClock.startingAt("2026-05-01T09:00:00Z");
  final UserId customer = new UserId(UUID.randomUUID());
  final ProductId teapot = new ProductId(UUID.randomUUID());
  final InMemoryOrderHistory history = new InMemoryOrderHistory(clock);
  final InMemoryOrderRepository orders = new InMemoryOrderRepository(history);
  final InMemoryFollowUps followUps = new InMemoryFollowUps(history);
  final RecordingEvents events = new RecordingEvents();
  final FakePayments payments = new FakePayments(clock);
  final ImmediateTransactions transactions = new ImmediateTransactions();
  final Backoff backoff = Backoff.SWEEPS; // 1 s, doubled per failure, at most 5 min
  final SettleOrder settle = new SettleOrder(orders, followUps, transactions, events, clock);
  final ExpireUnpaidOrders expiry = new ExpireUnpaidOrders(payments, settle, backoff);
  final OrderQueries queries = new OrderQueries(orders, history, clock);
  final CancelOrder cancelOrder =
      new CancelOrder(queries, orders, payments, settle, followUps, transactions, events, clock);
  final RunFollowUps runFollowUps =
      new RunFollowUps(followUps, payments, settle, orders, transactions, events, clock, backoff);

  /** The saga over these ports, a catalog that sells {@link #teapot}, and the given inventory. */
  PlaceOrder placeOrder(StockReservations reservations, PaymentWindow window) {
    return new PlaceOrder(
        orders,
        ids -> Map.of(teapot, new PricedProduct(teapot, "Teapot", Money.of(2500, "EUR"))),
        reservations,
        payments,
        followUps,
        window,
        new OrderLimits(3, 10),
        transactions,
        events,
        new SequentialIds(),
        clock);
  }

  /** Recorded, nothing else done yet (step NEW), as a crash right after the insert leaves it. */
  Order recorded() {
    var order =
        Order.place(
            new OrderId(UUID.randomUUID()),
            customer,
            null,
            List.of(new OrderLine(teapot, "Teapot", 2, Money.of(2500, "EUR"))),
            "1 Main St",
            null,
            clock);
    orders.addIfAbsent(order);
    return order;
  }

  /** Stock held, payment not started (step RESERVED). */
  Order reserved() {
    return change(recorded().id(), o -> o.stockReserved(clock));
  }

  /** Accepted and announced: a PENDING payment exists at the payment service. */
  Order accepted() {
    var id = reserved().id();
    var started = PaymentUpdate.of(payments.has(id, PaymentStatus.PENDING));
    return change(id, o -> o.accept(started.view(), clock));
  }

  /** Paid: its payment succeeded and the order knows it. */
  Order paid() {
    var id = accepted().id();
    var succeeded = payments.has(id, PaymentStatus.SUCCEEDED);
    return change(
        id,
        o -> {
          o.showPayment(PaymentUpdate.of(succeeded).view(), clock);
          o.markPaid(clock);
        });
  }

  /**
   * Moves a stored order as some earlier request did; its events count as published before the test
   * began, so {@link #events} holds only what the use case under test publishes.
   */
  Order change(OrderId id, java.util.function.Consumer<Order> earlier) {
    var order = current(id);
    earlier.accept(order);
    order.drainEvents();
    orders.update(order);
    return order;
  }

  Order current(OrderId id) {
    return orders.find(id).orElseThrow();
  }

  /** The provider moved the order's payment to {@code status}; what the order service hears. */
  PaymentUpdate paymentBecomes(OrderId id, PaymentStatus status) {
    return PaymentUpdate.of(payments.has(id, status));
  }
}
