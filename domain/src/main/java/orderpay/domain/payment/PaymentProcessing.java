package orderpay.domain.payment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import orderpay.domain.money.Money;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;
import orderpay.domain.shared.EventPublisher;
import orderpay.domain.shared.IdGenerator;
import orderpay.domain.shared.OrderId;
import orderpay.domain.shared.Transactions;
import orderpay.domain.user.UserId;

/**
 * The payment service's use cases. The payment row is recorded before the provider is called, the
 * provider is called outside any transaction with an idempotency key derived from the order, and
 * every status change (from the call, a webhook or reconciliation) moves forward only and is
 * published once, in the transaction that records it.
 */
public final class PaymentProcessing {
  /** What a webhook delivery did: applied, or acknowledged as a duplicate / of no interest. */
  public record WebhookOutcome(String eventId, boolean duplicate) {}

  private final PaymentRepository payments;
  private final PaymentProvider provider;
  private final WebhookVerifier verifier;
  private final ProcessedEvents processedEvents;
  private final Transactions transactions;
  private final EventPublisher events;
  private final IdGenerator ids;
  private final Clock clock;

  public PaymentProcessing(
      PaymentRepository payments,
      PaymentProvider provider,
      WebhookVerifier verifier,
      ProcessedEvents processedEvents,
      Transactions transactions,
      EventPublisher events,
      IdGenerator ids,
      Clock clock) {
    this.payments = payments;
    this.provider = provider;
    this.verifier = verifier;
    this.processedEvents = processedEvents;
    this.transactions = transactions;
    this.events = events;
    this.ids = ids;
    this.clock = clock;
  }

  public Payment initiate(
      OrderId orderId, UserId userId, Money amount, String paymentMethod, int attempt) {
    if (amount == null || !amount.isPositive()) {
      throw DomainException.invalidField("amount", "amount must be positive");
    }
    Payment payment =
        transactions.inTransaction(
            () -> {
              var fresh =
                  new Payment(
                      ids.newId().toString(),
                      orderId,
                      userId,
                      amount,
                      PaymentStatus.PENDING,
                      provider.name(),
                      null,
                      null,
                      null,
                      now(),
                      now());
              return payments.addIfAbsent(fresh)
                  ? fresh
                  : payments.findByOrder(orderId).orElseThrow();
            });
    if (!payment.amount().equals(amount)) {
      throw new DomainException(
          ErrorKind.CONFLICT,
          "conflict",
          "order " + orderId + " already has a payment of " + payment.amount(),
          Map.of("order_id", orderId.toString()));
    }
    if (payment.providerPaymentId() != null) {
      return payment; // a retry: the intent exists already
    }
    var intent =
        provider.createIntent(
            "orderpay-" + orderId + "-attempt-" + Math.max(attempt, 1),
            amount,
            paymentMethod,
            orderId.toString());
    return apply(orderId, intent);
  }

  public Payment byOrder(OrderId orderId) {
    return payments
        .findByOrder(orderId)
        .orElseThrow(() -> DomainException.notFound("payment", orderId.toString()));
  }

  public Payment byId(String paymentId) {
    return payments
        .findById(paymentId)
        .orElseThrow(() -> DomainException.notFound("payment", paymentId));
  }

  /**
   * Cancels the order's intent unless it already succeeded (then the succeeded payment is
   * returned).
   */
  public Payment cancel(OrderId orderId) {
    Payment payment = byOrder(orderId);
    switch (payment.status()) {
      case SUCCEEDED, CANCELLED, REFUNDED -> {
        return payment;
      }
      case PENDING, REQUIRES_ACTION, FAILED -> {}
    }
    if (payment.providerPaymentId() == null) {
      return record(orderId, PaymentStatus.CANCELLED, "cancelled before the intent existed");
    }
    return apply(
        orderId, provider.cancel(payment.providerPaymentId(), "orderpay-cancel-" + orderId));
  }

  public Payment refund(OrderId orderId) {
    Payment payment = byOrder(orderId);
    return switch (payment.status()) {
      case REFUNDED -> payment;
      case SUCCEEDED ->
          apply(
              orderId, provider.refund(payment.providerPaymentId(), "orderpay-refund-" + orderId));
      case PENDING, REQUIRES_ACTION, FAILED, CANCELLED ->
          throw DomainException.invalidState(
              "payment for order " + orderId + " is " + payment.status() + ", nothing to refund");
    };
  }

  public WebhookOutcome handleWebhook(byte[] payload, String signatureHeader) {
    ProviderEvent event = verifier.verify(payload, signatureHeader);
    return transactions.inTransaction(
        () -> {
          if (!processedEvents.firstTime(event.eventId(), event.type())) {
            return new WebhookOutcome(event.eventId(), true);
          }
          if (event.status().isEmpty() || event.providerPaymentId() == null) {
            return new WebhookOutcome(event.eventId(), false);
          }
          payments
              .findByProviderIdForUpdate(event.providerPaymentId())
              .ifPresent(p -> advance(p, event.status().get(), event.failureReason()));
          return new WebhookOutcome(event.eventId(), false);
        });
  }

  /** Asks the provider about payments left open too long (a webhook may have been lost). */
  public int reconcile(Duration olderThan, int limit) {
    var stale = payments.findStale(now().minus(olderThan), limit);
    for (Payment payment : stale) {
      apply(payment.orderId(), provider.retrieve(payment.providerPaymentId()));
    }
    return stale.size();
  }

  private Payment apply(OrderId orderId, PaymentProvider.Intent intent) {
    return transactions.inTransaction(
        () -> {
          var current = payments.findByOrderForUpdate(orderId).orElseThrow();
          var withIntent =
              current.providerPaymentId() == null
                  ? current.withIntent(intent.providerPaymentId(), intent.clientSecret(), now())
                  : current;
          if (withIntent != current) {
            payments.update(withIntent);
          }
          return advance(withIntent, intent.status(), intent.failureReason());
        });
  }

  private Payment record(OrderId orderId, PaymentStatus status, String reason) {
    return transactions.inTransaction(
        () -> advance(payments.findByOrderForUpdate(orderId).orElseThrow(), status, reason));
  }

  /** Inside a transaction: moves forward if it can, then stores and announces the change once. */
  private Payment advance(Payment current, PaymentStatus next, String reason) {
    Payment moved = current.advance(next, reason, now());
    if (moved != current) {
      payments.update(moved);
      events.publish(new PaymentStatusChanged(moved, moved.updatedAt()));
    }
    return moved;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
