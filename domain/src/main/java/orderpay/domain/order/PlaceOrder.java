package orderpay.domain.order;

import java.time.Clock;
import java.util.List;
import orderpay.domain.catalog.ProductCatalog;
import orderpay.domain.inventory.InsufficientStock;
import orderpay.domain.inventory.ReservationLine;
import orderpay.domain.inventory.StockReservations;
import orderpay.domain.money.Money;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;
import orderpay.domain.shared.EventPublisher;
import orderpay.domain.shared.IdGenerator;
import orderpay.domain.shared.OrderId;
import orderpay.domain.shared.Transactions;
import orderpay.domain.user.UserId;

/**
 * The order saga's forward path: price (product service), record, reserve (inventory), start the
 * payment (payment service). The order is stored before any side effect and each step's outcome is
 * stored after it, so {@link #resume} can finish what a crash interrupted; every step is idempotent
 * by order id. Before the order is stored, {@link IdempotencyKeys} answers a repeated request and
 * {@link OrderPricing} prices the items.
 */
public final class PlaceOrder {
  public record Item(String productId, long quantity) {}

  public record Command(
      UserId userId,
      String idempotencyKey,
      List<Item> items,
      String shippingAddress,
      String currency,
      String paymentMethod) {

    /**
     * What identifies the request behind an idempotency key: the same key with another body is
     * refused (Stripe's rule), not answered with the first order.
     */
    public String fingerprint() {
      return IdempotencyKeys.fingerprint(this);
    }
  }

  private static final System.Logger log = System.getLogger(PlaceOrder.class.getName());

  private final OrderRepository orders;
  private final IdempotencyKeys keys;
  private final OrderPricing pricing;
  private final PaymentMethodCheck paymentMethods;
  private final StockReservations reservations;
  private final Payments payments;
  private final PaymentWindow window;
  private final OrderLimits limits;
  private final Transactions transactions;
  private final OrderChanges changes;
  private final IdGenerator ids;
  private final Clock clock;

  public PlaceOrder(
      OrderRepository orders,
      ProductCatalog catalog,
      StockReservations reservations,
      Payments payments,
      FollowUpQueue followUps,
      PaymentWindow window,
      OrderLimits limits,
      Transactions transactions,
      EventPublisher events,
      IdGenerator ids,
      Clock clock) {
    this.orders = orders;
    this.keys = new IdempotencyKeys(orders);
    this.pricing = new OrderPricing(catalog);
    this.paymentMethods = new PaymentMethodCheck(payments);
    this.reservations = reservations;
    this.payments = payments;
    this.window = window;
    this.limits = limits;
    this.transactions = transactions;
    this.changes = new OrderChanges(orders, followUps, transactions, events, clock);
    this.ids = ids;
    this.clock = clock;
  }

  /**
   * Places an order. Everything that can refuse the request is checked before anything is stored: a
   * reused idempotency key with another body, unknown products, an unknown payment method, the
   * customer's open-order limits. A refused request changes nothing.
   */
  public Order place(Command command) {
    String fingerprint = command.fingerprint();
    for (int tries = 1; ; tries++) {
      var earlier = keys.earlierAnswer(command, fingerprint);
      if (earlier.isPresent()) {
        return earlier.get();
      }
      var currency = Money.currency(command.currency());
      var lines = pricing.price(command.items(), currency);
      var order =
          Order.place(
              new OrderId(ids.newId()),
              command.userId(),
              command.idempotencyKey(),
              lines,
              command.shippingAddress(),
              blankToNull(command.paymentMethod()),
              clock);
      order.paymentMethod().ifPresent(paymentMethods::check);
      boolean recorded =
          transactions.inTransaction(
              () -> {
                orders.lockOrdersOf(command.userId());
                if (keys.takenMeanwhile(command)) {
                  return false; // the same key raced us: its order is the answer, once decided
                }
                limits.check(orders.openOrdersOf(command.userId()), order);
                if (!orders.addIfAbsent(order, fingerprint)) {
                  throw new IllegalStateException("order " + order.id() + " was stored twice");
                }
                return true;
              });
      if (recorded) {
        return resume(order); // as recorded: no need to read it back
      }
      if (tries >= 3) {
        throw new DomainException(
            ErrorKind.UNAVAILABLE, "unavailable", "the same Idempotency-Key is busy, try again");
      }
    }
  }

  /**
   * Runs the remaining steps of a PENDING order; a no-op for one that has moved on. An order whose
   * payment window is over is never charged: it fails as {@code payment_expired} instead.
   */
  public Order resume(OrderId orderId) {
    return resume(orders.find(orderId).orElseThrow());
  }

  private Order resume(Order order) {
    var orderId = order.id();
    if (order.status() != OrderStatus.PENDING) {
      return order;
    }
    if (order.step() != SagaStep.ACCEPTED && window.isOver(order, clock.instant())) {
      return abandon(orderId, "payment_expired");
    }
    if (order.step() == SagaStep.NEW) {
      try {
        reservations.reserve(
            orderId,
            order.lines().stream()
                .map(l -> new ReservationLine(l.productId(), l.quantity()))
                .toList());
      } catch (InsufficientStock short_) {
        // refused: the request leaves nothing behind (no row, no event, no email)
        transactions.run(() -> orders.discardUnstarted(orderId));
        throw short_;
      }
      order = changes.change(orderId, o -> o.stockReserved(clock));
      if (order.status() != OrderStatus.PENDING && order.status() != OrderStatus.PAID) {
        // it ended while we reserved (another resumer raced us, the customer cancelled): its
        // release may have come before our hold, so the units go back now, not at the hold's expiry
        giveBackHold(orderId);
        return order;
      }
    }
    if (order.step() == SagaStep.RESERVED && order.status() == OrderStatus.PENDING) {
      PaymentUpdate update;
      try {
        update =
            payments.initiate(
                orderId, order.userId(), order.total(), order.paymentMethod().orElse(null), 1);
      } catch (DomainException refused) {
        if (refused.kind() == ErrorKind.INVALID_ARGUMENT
            || refused.kind() == ErrorKind.INVALID_STATE) {
          abandon(orderId, "payment_rejected"); // stock goes back, any intent is cancelled
        }
        throw refused;
      }
      // accepted, and settled in the same transaction if confirmed server-side at once
      order = changes.changeOwing(orderId, o -> o.paymentStarted(update, clock));
    }
    return order;
  }

  private void giveBackHold(OrderId orderId) {
    try {
      reservations.release(orderId);
    } catch (RuntimeException unavailable) {
      log.log(
          System.Logger.Level.WARNING,
          "could not give back the hold of ended order {0} ({1}); it is released when it expires",
          orderId,
          unavailable.toString());
    }
  }

  /** Fails a PENDING order and cancels any intent it may have (a lost answer may have made one). */
  private Order abandon(OrderId orderId, String reason) {
    return changes.changeOwing(orderId, o -> o.abandon(reason, clock));
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
