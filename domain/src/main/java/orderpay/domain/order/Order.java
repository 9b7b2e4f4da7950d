package orderpay.domain.order;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import orderpay.domain.money.Money;
import orderpay.domain.shared.DomainException;
import orderpay.domain.user.UserId;

/**
 * The order aggregate. Status changes only through its transition methods, each of which refuses an
 * illegal move and records one {@link OrderEvent}.
 */
public final class Order {
  public static final int MAX_LINES = 100;
  public static final int MAX_ADDRESS_LENGTH = 1000;

  private final OrderId id;
  private final UserId userId;
  private final List<OrderLine> lines;
  private final Money total;
  private final String shippingAddress;
  private final Instant createdAt;
  private OrderStatus status;
  private String failureReason;
  private Instant updatedAt;
  private final List<OrderEvent> pendingEvents = new ArrayList<>();

  private Order(
      OrderId id,
      UserId userId,
      List<OrderLine> lines,
      String shippingAddress,
      OrderStatus status,
      String failureReason,
      Instant createdAt,
      Instant updatedAt) {
    this.id = id;
    this.userId = userId;
    this.lines = List.copyOf(lines);
    this.shippingAddress = shippingAddress;
    this.status = status;
    this.failureReason = failureReason;
    this.createdAt = createdAt;
    this.updatedAt = updatedAt;
    this.total = totalOf(this.lines);
  }

  /** Places a new PENDING order from priced lines. */
  public static Order place(
      OrderId id, UserId userId, List<OrderLine> lines, String shippingAddress, Clock clock) {
    if (lines == null || lines.isEmpty()) {
      throw DomainException.invalidField("items", "an order needs at least one item");
    }
    if (lines.size() > MAX_LINES) {
      throw DomainException.invalidField("items", "an order has at most " + MAX_LINES + " items");
    }
    var seen = new HashSet<>();
    for (OrderLine line : lines) {
      if (!seen.add(line.productId())) {
        throw DomainException.invalidField("items", "each product may appear once per order");
      }
    }
    String address = shippingAddress == null ? "" : shippingAddress.strip();
    if (address.isEmpty() || address.length() > MAX_ADDRESS_LENGTH) {
      throw DomainException.invalidField(
          "shipping_address",
          "shipping_address is required (at most " + MAX_ADDRESS_LENGTH + " characters)");
    }
    Instant now = clock.instant();
    var order = new Order(id, userId, lines, address, OrderStatus.PENDING, null, now, now);
    order.pendingEvents.add(new OrderEvent.Placed(order, now));
    return order;
  }

  /** Rebuilds a stored order; records no event. */
  public static Order restore(
      OrderId id,
      UserId userId,
      List<OrderLine> lines,
      String shippingAddress,
      OrderStatus status,
      String failureReason,
      Instant createdAt,
      Instant updatedAt) {
    return new Order(
        id, userId, lines, shippingAddress, status, failureReason, createdAt, updatedAt);
  }

  public void markPaid(Clock clock) {
    moveTo(OrderStatus.PAID, clock);
    pendingEvents.add(new OrderEvent.Paid(this, updatedAt));
  }

  public void markFailed(String reason, Clock clock) {
    moveTo(OrderStatus.FAILED, clock);
    this.failureReason = reason;
    pendingEvents.add(new OrderEvent.Failed(this, reason, updatedAt));
  }

  public void cancel(Clock clock) {
    moveTo(OrderStatus.CANCELLED, clock);
    pendingEvents.add(new OrderEvent.Cancelled(this, updatedAt));
  }

  public void refund(Clock clock) {
    moveTo(OrderStatus.REFUNDED, clock);
    pendingEvents.add(new OrderEvent.Refunded(this, updatedAt));
  }

  private void moveTo(OrderStatus next, Clock clock) {
    if (!status.canMoveTo(next)) {
      throw DomainException.invalidState(
          "order " + id + " is " + status + ", cannot become " + next);
    }
    status = next;
    updatedAt = clock.instant();
  }

  /** Hands the recorded events to the caller (the unit of work) and forgets them. */
  public List<OrderEvent> drainEvents() {
    var drained = List.copyOf(pendingEvents);
    pendingEvents.clear();
    return drained;
  }

  public boolean isOwnedBy(UserId user) {
    return userId.equals(user);
  }

  private static Money totalOf(List<OrderLine> lines) {
    Money sum = null;
    for (OrderLine line : lines) {
      sum = sum == null ? line.lineTotal() : sum.plus(line.lineTotal());
    }
    return sum;
  }

  public OrderId id() {
    return id;
  }

  public UserId userId() {
    return userId;
  }

  public List<OrderLine> lines() {
    return lines;
  }

  public Money total() {
    return total;
  }

  public String shippingAddress() {
    return shippingAddress;
  }

  public OrderStatus status() {
    return status;
  }

  public String failureReason() {
    return failureReason;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
