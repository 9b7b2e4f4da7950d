package orderpay.domain.order;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import orderpay.domain.catalog.ProductCatalog;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.inventory.InsufficientStock;
import orderpay.domain.inventory.ReservationLine;
import orderpay.domain.inventory.StockReservations;
import orderpay.domain.money.Money;
import orderpay.domain.payment.Payment;
import orderpay.domain.payment.Payments;
import orderpay.domain.shared.BoundedMemory;
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
 * by order id.
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
      var canonical = new StringBuilder();
      for (Item item : items == null ? List.<Item>of() : items) {
        canonical.append(item.productId()).append('x').append(item.quantity()).append(';');
      }
      canonical
          .append('\n')
          .append(shippingAddress == null ? "" : shippingAddress.strip())
          .append('\n')
          .append(currency)
          .append('\n')
          .append(blankToNull(paymentMethod));
      try {
        var digest =
            java.security.MessageDigest.getInstance("SHA-256")
                .digest(canonical.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(digest);
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is part of every JDK", e);
      }
    }
  }

  private static final System.Logger log = System.getLogger(PlaceOrder.class.getName());

  private final OrderRepository orders;
  private final ProductCatalog catalog;
  private final StockReservations reservations;
  private final Payments payments;
  private final SettleOrder settle;
  private final FollowUpQueue followUps;
  private final PaymentWindow window;
  private final OrderLimits limits;
  private final Transactions transactions;
  private final EventPublisher events;

  /**
   * Payment methods the payment service accepted: checked once, not on every order (a gRPC call).
   * The payment service decides at the charge anyway; this check only turns a typo into a 400.
   */
  private final BoundedMemory<String, Boolean> acceptedPaymentMethods = new BoundedMemory<>(10_000);

  private final IdGenerator ids;
  private final Clock clock;

  public PlaceOrder(
      OrderRepository orders,
      ProductCatalog catalog,
      StockReservations reservations,
      Payments payments,
      SettleOrder settle,
      FollowUpQueue followUps,
      PaymentWindow window,
      OrderLimits limits,
      Transactions transactions,
      EventPublisher events,
      IdGenerator ids,
      Clock clock) {
    this.orders = orders;
    this.catalog = catalog;
    this.reservations = reservations;
    this.payments = payments;
    this.settle = settle;
    this.followUps = followUps;
    this.window = window;
    this.limits = limits;
    this.transactions = transactions;
    this.events = events;
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
      if (command.idempotencyKey() != null) {
        var earlier = decidedOrderFor(command);
        if (earlier.isPresent()) {
          return sameRequestOrRefuse(earlier.get(), fingerprint);
        }
      }
      var currency = Money.currency(command.currency());
      var lines = price(command.items(), currency);
      var order =
          Order.place(
              new OrderId(ids.newId()),
              command.userId(),
              command.idempotencyKey(),
              lines,
              command.shippingAddress(),
              blankToNull(command.paymentMethod()),
              clock);
      order.paymentMethod().ifPresent(this::checkPaymentMethod);
      boolean recorded =
          transactions.inTransaction(
              () -> {
                orders.lockOrdersOf(command.userId());
                if (command.idempotencyKey() != null
                    && orders
                        .findByIdempotencyKey(command.userId(), command.idempotencyKey())
                        .isPresent()) {
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

  private void checkPaymentMethod(String paymentMethod) {
    if (!acceptedPaymentMethods.knows(paymentMethod)) {
      payments.checkPaymentMethod(paymentMethod);
      acceptedPaymentMethods.remember(paymentMethod, true);
    }
  }

  /**
   * The order an earlier request with this key made, once that request has decided: an order still
   * at step NEW may yet be discarded for lack of stock, so answering with it could hand out a 2xx
   * for an order that never exists. Empty if there is none (or it was discarded): then this request
   * places the order itself.
   */
  private java.util.Optional<OrderRepository.KeyedOrder> decidedOrderFor(Command command) {
    long waitedMillis = 0;
    while (true) {
      var earlier = orders.findByIdempotencyKey(command.userId(), command.idempotencyKey());
      if (earlier.isEmpty()
          || earlier.get().order().step() != SagaStep.NEW
          || earlier.get().order().status() != OrderStatus.PENDING
          || waitedMillis >= UNDECIDED_WAIT_MILLIS) {
        return earlier; // past the wait, a NEW order is a crashed saga: recovery finishes it
      }
      try {
        Thread.sleep(UNDECIDED_POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return earlier;
      }
      waitedMillis += UNDECIDED_POLL_MILLIS;
    }
  }

  private static final long UNDECIDED_POLL_MILLIS = 20;
  private static final long UNDECIDED_WAIT_MILLIS = 10_000;

  private static Order sameRequestOrRefuse(OrderRepository.KeyedOrder earlier, String fingerprint) {
    if (earlier.requestFingerprint() != null && !earlier.requestFingerprint().equals(fingerprint)) {
      throw new DomainException(
          ErrorKind.INVALID_ARGUMENT,
          "idempotency_key_reused",
          "this Idempotency-Key was used for a different request",
          Map.of("order_id", earlier.order().id().toString()));
    }
    return earlier.order();
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
      return fail(orderId, "payment_expired", true);
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
      order = update(orderId, o -> o.stockReserved(clock));
      if (order.status() != OrderStatus.PENDING && order.status() != OrderStatus.PAID) {
        // it ended while we reserved (another resumer raced us, the customer cancelled): its
        // release may have come before our hold, so the units go back now, not at the hold's expiry
        giveBackHold(orderId);
        return order;
      }
    }
    if (order.step() == SagaStep.RESERVED && order.status() == OrderStatus.PENDING) {
      Payment payment;
      try {
        payment =
            payments.initiate(
                orderId, order.userId(), order.total(), order.paymentMethod().orElse(null), 1);
      } catch (DomainException refused) {
        if (refused.kind() == ErrorKind.INVALID_ARGUMENT
            || refused.kind() == ErrorKind.INVALID_STATE) {
          fail(orderId, "payment_rejected", true); // stock goes back, any intent is cancelled
        }
        throw refused;
      }
      var update = PaymentUpdate.of(payment);
      order =
          update(
              orderId,
              o -> {
                boolean wasPending = o.status() == OrderStatus.PENDING;
                o.accept(update.view(), clock);
                if (o.status() == OrderStatus.CANCELLED || o.status() == OrderStatus.FAILED) {
                  // ended while we were starting the payment: the intent must not stay payable (an
                  // order its payment's event already paid keeps its payment, of course)
                  followUps.schedule(orderId, FollowUpAction.CANCEL_PAYMENT, clock.instant());
                } else if (wasPending && payment.status().isFinal()) {
                  settle.applyTo(o, update); // confirmed server-side at once: one transaction
                }
              });
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

  private List<OrderLine> price(List<Item> items, java.util.Currency currency) {
    if (items == null || items.isEmpty()) {
      throw DomainException.invalidField("items", "an order needs at least one item");
    }
    if (items.size() > Order.MAX_LINES) {
      throw DomainException.invalidField(
          "items", "an order has at most " + Order.MAX_LINES + " items");
    }
    var ids = new ArrayList<ProductId>();
    for (Item item : items) {
      if (item.quantity() <= 0 || item.quantity() > OrderLine.MAX_QUANTITY) {
        throw DomainException.invalidField(
            "quantity", "quantity must be between 1 and " + OrderLine.MAX_QUANTITY);
      }
      ids.add(ProductId.parse(item.productId()));
    }
    var priced = catalog.priceAll(ids);
    var lines = new ArrayList<OrderLine>();
    for (int i = 0; i < items.size(); i++) {
      var product = priced.get(ids.get(i));
      if (product == null) {
        throw new DomainException(
            ErrorKind.INVALID_ARGUMENT,
            "invalid_request",
            "unknown product " + ids.get(i),
            Map.of("field", "items", "product_id", ids.get(i).toString()));
      }
      if (!product.price().currency().equals(currency)) {
        throw DomainException.invalidField(
            "currency",
            "product " + product.id() + " is sold in " + product.price().currencyCode());
      }
      lines.add(
          new OrderLine(product.id(), product.name(), items.get(i).quantity(), product.price()));
    }
    return lines;
  }

  private Order fail(OrderId orderId, String reason, boolean cancelAnyPayment) {
    return update(
        orderId,
        o -> {
          if (o.status() == OrderStatus.PENDING) {
            o.markFailed(reason, clock);
            if (cancelAnyPayment) { // a create whose answer was lost may have made an intent
              followUps.schedule(orderId, FollowUpAction.CANCEL_PAYMENT, clock.instant());
            }
          }
        });
  }

  private Order update(OrderId orderId, java.util.function.Consumer<Order> change) {
    return transactions.inTransaction(
        () -> {
          var order = orders.findForUpdate(orderId).orElseThrow();
          change.accept(order);
          orders.update(order);
          order.drainEvents().forEach(events::publish);
          return order;
        });
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
