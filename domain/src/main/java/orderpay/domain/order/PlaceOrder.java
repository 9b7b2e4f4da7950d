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
      String paymentMethod) {}

  private final OrderRepository orders;
  private final ProductCatalog catalog;
  private final StockReservations reservations;
  private final Payments payments;
  private final SettleOrder settle;
  private final Transactions transactions;
  private final EventPublisher events;
  private final IdGenerator ids;
  private final Clock clock;

  public PlaceOrder(
      OrderRepository orders,
      ProductCatalog catalog,
      StockReservations reservations,
      Payments payments,
      SettleOrder settle,
      Transactions transactions,
      EventPublisher events,
      IdGenerator ids,
      Clock clock) {
    this.orders = orders;
    this.catalog = catalog;
    this.reservations = reservations;
    this.payments = payments;
    this.settle = settle;
    this.transactions = transactions;
    this.events = events;
    this.ids = ids;
    this.clock = clock;
  }

  public Order place(Command command) {
    if (command.idempotencyKey() != null) {
      var earlier = orders.findByIdempotencyKey(command.userId(), command.idempotencyKey());
      if (earlier.isPresent()) {
        return earlier.get();
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
    boolean recorded = transactions.inTransaction(() -> orders.addIfAbsent(order));
    if (!recorded) {
      // the same key raced us: the first request's order is the answer
      return orders.findByIdempotencyKey(command.userId(), command.idempotencyKey()).orElseThrow();
    }
    return resume(order.id());
  }

  /** Runs the remaining steps of a PENDING order; a no-op for one that has moved on. */
  public Order resume(OrderId orderId) {
    Order order = orders.find(orderId).orElseThrow();
    if (order.status() != OrderStatus.PENDING) {
      return order;
    }
    if (order.step() == SagaStep.NEW) {
      try {
        reservations.reserve(
            orderId,
            order.lines().stream()
                .map(l -> new ReservationLine(l.productId(), l.quantity()))
                .toList());
      } catch (InsufficientStock short_) {
        fail(orderId, "insufficient_stock");
        throw short_;
      }
      order = update(orderId, o -> o.stockReserved(clock));
    }
    if (order.step() == SagaStep.RESERVED && order.status() == OrderStatus.PENDING) {
      Payment payment;
      try {
        payment =
            payments.initiate(
                orderId, order.userId(), order.total(), order.paymentMethod().orElse(null), 1);
      } catch (DomainException refused) {
        if (refused.kind() == ErrorKind.INVALID_ARGUMENT) {
          fail(orderId, "payment_rejected"); // e.g. an unknown payment method: stock goes back
        }
        throw refused;
      }
      var view = PaymentUpdate.of(payment).view();
      order = update(orderId, o -> o.accept(view, clock));
      if (order.status() != OrderStatus.PENDING) {
        payments.cancel(orderId); // cancelled while we were starting the payment
        return order;
      }
      if (payment.status().isFinal()) {
        order = settle.apply(orderId, PaymentUpdate.of(payment)); // confirmed server-side at once
      }
    }
    return order;
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

  private void fail(OrderId orderId, String reason) {
    update(
        orderId,
        o -> {
          if (o.status() == OrderStatus.PENDING) {
            o.markFailed(reason, clock);
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
