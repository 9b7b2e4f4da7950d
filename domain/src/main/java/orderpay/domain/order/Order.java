package orderpay.domain.order;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import orderpay.domain.money.Money;
import orderpay.domain.order.OrderEvent.OrderFacts;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.UserId;

/**
 * The order aggregate. Status changes only through its transition methods, each of which refuses an
 * illegal move and records one {@link OrderEvent}. Every step of the saga and every transition also
 * notes a {@link HistoryEntry}, which the repository stores with the change. What its payment's
 * news does to it is decided by its rules ({@link #settle} and its siblings, written in {@link
 * OrderSettlement}): each returns the calls to the payment service it owes, run after commit.
 */
public final class Order {
  /** Lines (distinct products) per order; the only place this limit is stated. */
  public static final int MAX_LINES = 100;

  public static final int MAX_ADDRESS_LENGTH = 1000;

  private final OrderId id;
  private final UserId userId;
  private final String idempotencyKey;
  private final List<OrderLine> lines;
  private final Money total;
  private final String shippingAddress;
  private final String paymentMethod;
  private final Instant createdAt;
  private OrderStatus status;
  private SagaStep step;
  private OrderPayment payment;
  private String failureReason;
  private Instant updatedAt;
  private final List<OrderEvent> pendingEvents = new ArrayList<>();
  private final List<HistoryEntry> pendingHistory = new ArrayList<>();

  /** Everything a stored order holds; {@link #restore} takes it back. */
  public record Snapshot(
      OrderId id,
      UserId userId,
      String idempotencyKey,
      List<OrderLine> lines,
      String shippingAddress,
      String paymentMethod,
      OrderStatus status,
      SagaStep step,
      OrderPayment payment,
      String failureReason,
      Instant createdAt,
      Instant updatedAt) {}

  private Order(Snapshot s) {
    this.id = s.id();
    this.userId = s.userId();
    this.idempotencyKey = s.idempotencyKey();
    this.lines = List.copyOf(s.lines());
    this.shippingAddress = s.shippingAddress();
    this.paymentMethod = s.paymentMethod();
    this.status = s.status();
    this.step = s.step();
    this.payment = s.payment();
    this.failureReason = s.failureReason();
    this.createdAt = s.createdAt();
    this.updatedAt = s.updatedAt();
    this.total = NewOrderRules.total(this.lines);
  }

  /** Records a new PENDING order from priced lines; nothing is announced until it is accepted. */
  public static Order place(
      OrderId id,
      UserId userId,
      String idempotencyKey,
      List<OrderLine> lines,
      String shippingAddress,
      String paymentMethod,
      Clock clock) {
    String address = NewOrderRules.check(lines, shippingAddress, paymentMethod, idempotencyKey);
    Instant now = now(clock);
    var order =
        new Order(
            new Snapshot(
                id,
                userId,
                idempotencyKey,
                lines,
                address,
                paymentMethod,
                OrderStatus.PENDING,
                SagaStep.NEW,
                null,
                null,
                now,
                now));
    String method = paymentMethod == null ? "" : ", " + paymentMethod;
    order.note(HistoryKind.CREATED, order.lines.size() + " line(s), total " + order.total + method);
    return order;
  }

  public static Order restore(Snapshot snapshot) {
    return new Order(snapshot);
  }

  public Snapshot snapshot() {
    return new Snapshot(
        id,
        userId,
        idempotencyKey,
        lines,
        shippingAddress,
        paymentMethod,
        status,
        step,
        payment,
        failureReason,
        createdAt,
        updatedAt);
  }

  public void stockReserved(Clock clock) {
    if (step == SagaStep.NEW) {
      step = SagaStep.RESERVED;
      updatedAt = now(clock);
      note(HistoryKind.STOCK_RESERVED, "");
    }
  }

  /** The payment exists: the order is accepted and announced ({@code order.created}). */
  public void accept(OrderPayment startedPayment, Clock clock) {
    if (OrderPayment.isNewer(startedPayment, payment)) {
      this.payment = startedPayment;
    }
    updatedAt = now(clock);
    if (step != SagaStep.ACCEPTED) {
      step = SagaStep.ACCEPTED;
      note(HistoryKind.PAYMENT_STARTED, startedPayment.describe());
      if (status == OrderStatus.PENDING) { // cancelled while it was being placed: never announced
        pendingEvents.add(
            new OrderEvent.Placed(OrderFacts.of(this), lines, shippingAddress, updatedAt));
      }
    }
  }

  /** Shows the payment's latest state; a view without a client secret keeps the one we have. */
  public void showPayment(OrderPayment latest, Clock clock) {
    latest = latest.keepingSecretOf(payment);
    if (!latest.equals(payment) && OrderPayment.isNewer(latest, payment)) {
      if (payment == null || !latest.status().equals(payment.status())) {
        note(HistoryKind.PAYMENT_UPDATED, latest.describe());
      }
      this.payment = latest;
      updatedAt = now(clock);
    }
  }

  public void markPaid(Clock clock) {
    moveTo(OrderStatus.PAID, clock);
    note(HistoryKind.PAID, "");
    pendingEvents.add(new OrderEvent.Paid(OrderFacts.of(this), updatedAt));
  }

  public void markFailed(String reason, Clock clock) {
    moveTo(OrderStatus.FAILED, clock);
    this.failureReason = reason;
    note(HistoryKind.FAILED, reason);
    pendingEvents.add(new OrderEvent.Failed(OrderFacts.of(this), reason, updatedAt));
  }

  public void cancel(Clock clock) {
    moveTo(OrderStatus.CANCELLED, clock);
    note(HistoryKind.CANCELLED, "");
    pendingEvents.add(new OrderEvent.Cancelled(OrderFacts.of(this), updatedAt));
  }

  public void refund(Clock clock) {
    refund(null, clock); // a PAID order has no failure reason to keep
  }

  /** Refunded by the shop, not the customer (e.g. {@code out_of_stock}): the reason is kept. */
  public void refund(String reason, Clock clock) {
    moveTo(OrderStatus.REFUNDED, clock);
    this.failureReason = reason;
    note(HistoryKind.REFUNDED, reason);
    pendingEvents.add(new OrderEvent.Refunded(OrderFacts.of(this), updatedAt));
  }

  /** What its payment's latest status does to it: paid, failed, refunded, or money given back. */
  public List<FollowUpAction> settle(PaymentUpdate payment, Clock clock) {
    return OrderSettlement.settle(this, payment, clock);
  }

  public List<FollowUpAction> paymentStarted(PaymentUpdate started, Clock clock) {
    return OrderSettlement.paymentStarted(this, started, clock);
  }

  public List<FollowUpAction> stockUnavailable() {
    return OrderSettlement.stockUnavailable(this);
  }

  public List<FollowUpAction> abandon(String reason, Clock clock) {
    return OrderSettlement.abandon(this, reason, clock);
  }

  public List<FollowUpAction> cancelUnpaid(Clock clock) {
    return OrderSettlement.cancelUnpaid(this, clock);
  }

  private void moveTo(OrderStatus next, Clock clock) {
    if (!status.canMoveTo(next)) {
      throw DomainException.invalidState(
          "order " + id + " is " + status + ", cannot become " + next);
    }
    status = next;
    updatedAt = now(clock);
  }

  private static Instant now(Clock clock) {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private void note(HistoryKind kind, String detail) {
    pendingHistory.add(new HistoryEntry(kind, detail));
  }

  /** Hands the noted history to the caller (the repository storing the change) and forgets it. */
  public List<HistoryEntry> drainHistory() {
    var drained = List.copyOf(pendingHistory);
    pendingHistory.clear();
    return drained;
  }

  /** Hands the recorded events to the caller (the unit of work) and forgets them. */
  public List<OrderEvent> drainEvents() {
    var drained = List.copyOf(pendingEvents);
    pendingEvents.clear();
    return drained;
  }

  public OrderId id() {
    return id;
  }

  public UserId userId() {
    return userId;
  }

  public Optional<String> idempotencyKey() {
    return Optional.ofNullable(idempotencyKey);
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

  /** The payment method to confirm with, if the client gave one (a Stripe id, never card data). */
  public Optional<String> paymentMethod() {
    return Optional.ofNullable(paymentMethod);
  }

  public OrderStatus status() {
    return status;
  }

  public SagaStep step() {
    return step;
  }

  public Optional<OrderPayment> payment() {
    return Optional.ofNullable(payment);
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
