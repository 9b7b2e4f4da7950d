package orderpay.domain.testing;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import orderpay.domain.money.Money;
import orderpay.domain.order.PaymentUpdate;
import orderpay.domain.order.Payments;
import orderpay.domain.payment.Payment;
import orderpay.domain.payment.PaymentStatus;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.UserId;

/**
 * The payment service as the order service sees it: one payment per order, every call recorded,
 * failures on demand. Cancel and refund answer as {@code CancelPayment} and {@code RefundPayment}
 * do: a succeeded payment is never cancelled (it is returned as it is), only a succeeded one can be
 * refunded.
 */
public final class FakePayments implements Payments {
  /** One call the order service made, e.g. {@code cancel} for an order. */
  public record Call(String operation, OrderId orderId) {}

  public final List<Call> calls = new ArrayList<>();
  private final Map<OrderId, Payment> byOrder = new HashMap<>();
  private final Map<String, Deque<RuntimeException>> failures = new HashMap<>();
  private final Clock clock;
  private PaymentStatus initiatedAs = PaymentStatus.PENDING;
  private boolean refundsInFlight;
  private Consumer<OrderId> whileCancelling = orderId -> {};
  private Consumer<Payment> whileInitiating = payment -> {};

  public FakePayments(Clock clock) {
    this.clock = clock;
  }

  /** The payment service is down (or times out) for the next {@code operation} call. */
  public static DomainException unavailable() {
    return new DomainException(ErrorKind.UNAVAILABLE, "unavailable", "payment service down");
  }

  /** The next call of {@code operation} ("initiate", "cancel", "refund") throws {@code failure}. */
  public FakePayments failNext(String operation, RuntimeException failure) {
    failures.computeIfAbsent(operation, op -> new ArrayDeque<>()).add(failure);
    return this;
  }

  /** Payments initiated from now on start in {@code status} (e.g. confirmed server-side). */
  public FakePayments initiateAs(PaymentStatus status) {
    this.initiatedAs = status;
    return this;
  }

  /** Refunds are accepted but not done yet: refund answers with the payment still SUCCEEDED. */
  public FakePayments refundsInFlight(boolean inFlight) {
    this.refundsInFlight = inFlight;
    return this;
  }

  /** Runs inside the next cancels, e.g. another request changing the order meanwhile. */
  public FakePayments whileCancelling(Consumer<OrderId> meanwhile) {
    this.whileCancelling = meanwhile;
    return this;
  }

  /** Runs inside the next initiates, e.g. the payment's event overtaking initiate's answer. */
  public FakePayments whileInitiating(Consumer<Payment> meanwhile) {
    this.whileInitiating = meanwhile;
    return this;
  }

  /** Sets the order's payment to {@code status}, as the provider moved it (a webhook, a retry). */
  public Payment has(OrderId orderId, PaymentStatus status) {
    return put(orderId, status, null);
  }

  /** The order's payment, declined with the provider's reason. */
  public Payment declined(OrderId orderId, String reason) {
    return put(orderId, PaymentStatus.FAILED, reason);
  }

  public Optional<PaymentStatus> statusOf(OrderId orderId) {
    return Optional.ofNullable(byOrder.get(orderId)).map(Payment::status);
  }

  public long count(String operation, OrderId orderId) {
    return calls.stream().filter(c -> c.equals(new Call(operation, orderId))).count();
  }

  @Override
  public PaymentUpdate initiate(
      OrderId orderId, UserId userId, Money amount, String paymentMethod, int attempt) {
    called("initiate", orderId);
    var answer =
        byOrder.computeIfAbsent(orderId, id -> payment(id, userId, amount, initiatedAs, null));
    whileInitiating.accept(answer);
    return PaymentUpdate.of(answer); // as it stood when the payment service answered
  }

  @Override
  public PaymentUpdate cancel(OrderId orderId) {
    called("cancel", orderId);
    whileCancelling.accept(orderId);
    var current = existing(orderId);
    return PaymentUpdate.of(
        switch (current.status()) {
          case SUCCEEDED, CANCELLED, REFUNDED -> current;
          case PENDING, REQUIRES_ACTION, FAILED -> put(orderId, PaymentStatus.CANCELLED, null);
        });
  }

  @Override
  public PaymentUpdate refund(OrderId orderId) {
    called("refund", orderId);
    var current = existing(orderId);
    return PaymentUpdate.of(
        switch (current.status()) {
          case REFUNDED -> current;
          case SUCCEEDED -> refundsInFlight ? current : put(orderId, PaymentStatus.REFUNDED, null);
          case PENDING, REQUIRES_ACTION, FAILED, CANCELLED ->
              throw DomainException.invalidState(
                  "payment for order "
                      + orderId
                      + " is "
                      + current.status()
                      + ", nothing to refund");
        });
  }

  @Override
  public void checkPaymentMethod(String paymentMethod) {
    calls.add(new Call("check " + paymentMethod, null));
  }

  private void called(String operation, OrderId orderId) {
    calls.add(new Call(operation, orderId));
    var queued = failures.get(operation);
    if (queued != null && !queued.isEmpty()) {
      throw queued.poll();
    }
  }

  private Payment existing(OrderId orderId) {
    var current = byOrder.get(orderId);
    if (current == null) {
      throw DomainException.notFound("payment", orderId.toString());
    }
    return current;
  }

  private Payment put(OrderId orderId, PaymentStatus status, String failureReason) {
    var before = byOrder.get(orderId);
    var payment =
        before == null
            ? payment(orderId, null, Money.of(2500, "EUR"), status, failureReason)
            : new Payment(
                before.id(),
                orderId,
                before.userId(),
                before.amount(),
                status,
                before.provider(),
                before.providerPaymentId(),
                before.clientSecret(),
                failureReason,
                before.createdAt(),
                clock.instant());
    byOrder.put(orderId, payment);
    return payment;
  }

  private Payment payment(
      OrderId orderId, UserId userId, Money amount, PaymentStatus status, String failureReason) {
    return new Payment(
        "pay-" + orderId,
        orderId,
        userId,
        amount,
        status,
        "fake",
        "pi_" + orderId.value(),
        "pi_" + orderId.value() + "_secret",
        failureReason,
        clock.instant(),
        clock.instant());
  }
}
