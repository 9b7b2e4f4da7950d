package orderpay.domain.payment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import orderpay.domain.money.Money;
import orderpay.domain.shared.Backoff;
import orderpay.domain.shared.BoundedMemory;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;
import orderpay.domain.shared.EventPublisher;
import orderpay.domain.shared.IdGenerator;
import orderpay.domain.shared.OrderId;
import orderpay.domain.shared.Transactions;
import orderpay.domain.user.Reader;
import orderpay.domain.user.UserId;

/**
 * The payment service's use cases. The payment row is recorded before the provider is called, the
 * provider is called outside any transaction with an idempotency key derived from the order, and
 * every status change (from the call, a webhook or reconciliation) moves forward only and is
 * published once, in the transaction that records it.
 */
public final class PaymentProcessing {
  private static final System.Logger log = System.getLogger(PaymentProcessing.class.getName());

  /** How long after its creation a payment without a known intent may still have one appear. */
  static final Duration LOST_INTENT_WINDOW = Duration.ofHours(1);

  private final BoundedMemory<String, Boolean> knownPaymentMethods = new BoundedMemory<>(10_000);

  /**
   * Intents whose success is committed here. Every paid order's {@code payment_intent.succeeded}
   * arrives after the confirm call already recorded it; a SUCCEEDED payment can never move on such
   * an event, so it is acknowledged without a transaction. Another replica, or this one after a
   * restart, does not know the intent and takes the recorded path: same outcome, one transaction.
   */
  private final BoundedMemory<String, PaymentStatus> succeededIntents = new BoundedMemory<>(10_000);

  private final Backoff checkBackoff = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(10));

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
    if (payment.status() != PaymentStatus.PENDING) {
      // cancelled (the order expired or was cancelled) before its intent was made: never charge it
      throw DomainException.invalidState(
          "payment for order " + orderId + " is " + payment.status() + ", it cannot be started");
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

  /** A payment is its payer's (or an admin's) to see; others learn not even that it exists. */
  public Payment readById(String paymentId, Reader reader) {
    return payments
        .findById(paymentId)
        .filter(payment -> reader.mayRead(payment.userId()))
        .orElseThrow(() -> DomainException.notFound("payment", paymentId));
  }

  /** The order's payment, to its payer or an admin; as {@link #readById}. */
  public Payment readByOrder(OrderId orderId, Reader reader) {
    return payments
        .findByOrder(orderId)
        .filter(payment -> reader.mayRead(payment.userId()))
        // the same answer as for an order without a payment: a stranger learns nothing
        .orElseThrow(() -> DomainException.notFound("payment", orderId.toString()));
  }

  /**
   * Cancels the order's intent unless it already succeeded (then the succeeded payment is
   * returned). If we never learned of an intent, the provider is asked for one made for the order
   * (a create whose answer was lost) before the payment is called cancelled; reconciliation keeps
   * looking for a while in case one shows up later.
   */
  public Payment cancel(OrderId orderId) {
    Payment payment = byOrder(orderId);
    switch (payment.status()) {
      case SUCCEEDED, CANCELLED, REFUNDED -> {
        return payment;
      }
      case PENDING, REQUIRES_ACTION, FAILED -> {}
    }
    String intentId = payment.providerPaymentId();
    if (intentId == null) {
      var lost = provider.findByOrder(orderId.toString());
      if (lost.isEmpty()) {
        return record(orderId, PaymentStatus.CANCELLED, "cancelled before the intent existed");
      }
      payment = apply(orderId, lost.get());
      intentId = lost.get().providerPaymentId();
      if (payment.status() == PaymentStatus.SUCCEEDED || !payment.isOpenOrFailed()) {
        return payment;
      }
    }
    var cancelled = apply(orderId, provider.cancel(intentId, "orderpay-cancel-" + orderId));
    if (cancelled.status() == PaymentStatus.CANCELLED) {
      payments.markFinalAtProvider(cancelled.id());
    }
    return cancelled;
  }

  /** Refuses a payment method the provider does not know; known ones are remembered. */
  public void checkPaymentMethod(String paymentMethod) {
    if (paymentMethod == null || knownPaymentMethods.knows(paymentMethod)) {
      return;
    }
    if (!provider.paymentMethodExists(paymentMethod)) {
      throw DomainException.invalidField(
          "payment_method", "unknown payment_method " + paymentMethod);
    }
    knownPaymentMethods.remember(paymentMethod, true);
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

  /**
   * The payer passes the 3-D Secure challenge of their payment in test mode (a storefront's
   * stand-in for Stripe.js's challenge, against the local emulator). Only the payer may: anyone
   * else, admins included, is told there is no such payment. The provider's answer is applied at
   * once, so the payment is SUCCEEDED when this returns; the order follows through {@code
   * payment.status-updated}.
   */
  public Payment completeTestAuthentication(OrderId orderId, Reader reader) {
    Payment payment =
        payments
            .findByOrder(orderId)
            .filter(p -> reader.customer().map(p.userId()::equals).orElse(false))
            .orElseThrow(() -> DomainException.notFound("payment", orderId.toString()));
    if (payment.status() != PaymentStatus.REQUIRES_ACTION || payment.providerPaymentId() == null) {
      throw DomainException.invalidState(
          "payment for order "
              + orderId
              + " is "
              + payment.status()
              + ", it awaits no authentication");
    }
    var intent =
        provider
            .completeTestAuthentication(payment.providerPaymentId())
            .orElseThrow(
                () ->
                    DomainException.invalidState(
                        "this payment provider authenticates the card in its own page"
                            + " (Stripe.js), not through this API"));
    return apply(orderId, intent);
  }

  public WebhookOutcome handleWebhook(byte[] payload, String signatureHeader) {
    ProviderEvent event = verifier.verify(payload, signatureHeader);
    if (event.status().isEmpty() || event.providerPaymentId() == null) {
      // of no interest (payment_intent.created, every paid order has one): it changes nothing, so
      // it is acknowledged without a transaction; redelivered, it changes nothing again
      return new WebhookOutcome(event.eventId(), false);
    }
    if (event.status().get() == PaymentStatus.SUCCEEDED
        && succeededIntents.knows(event.providerPaymentId())) {
      return new WebhookOutcome(event.eventId(), false); // changes nothing, see succeededIntents
    }
    return transactions.inTransaction(
        () -> {
          if (!processedEvents.firstTime(event.eventId(), event.type())) {
            return new WebhookOutcome(event.eventId(), true);
          }
          var payment = payments.findByProviderIdForUpdate(event.providerPaymentId());
          if (payment.isEmpty() && event.orderId() != null) {
            // an intent whose create answer we lost: match it by its order id
            payment =
                OrderId.tryParse(event.orderId())
                    .flatMap(payments::findByOrderForUpdate)
                    .filter(p -> p.providerPaymentId() == null)
                    .map(
                        p -> {
                          var attached = p.withIntent(event.providerPaymentId(), null, now());
                          payments.update(attached);
                          return attached;
                        });
          }
          payment.ifPresent(p -> applyEvent(p, event));
          return new WebhookOutcome(event.eventId(), false);
        });
  }

  /** Inside the webhook's transaction. */
  private void applyEvent(Payment payment, ProviderEvent event) {
    if (event.amount() != null && !event.amount().equals(payment.amount())) {
      // not what we asked Stripe for: never settle an order on it; reconciliation looks again
      log.log(
          System.Logger.Level.ERROR,
          "event {0} for payment {1} is for {2}, the payment is for {3}: ignored",
          event.eventId(),
          payment.id(),
          event.amount(),
          payment.amount());
      return;
    }
    if (event.isPartialRefund()) {
      payments.recordRefunded(payment.id(), event.amountRefunded());
      return;
    }
    advance(payment, event.status().get(), event.failureReason());
  }

  /**
   * Asks the provider about every payment not yet final there (a webhook may have been lost, a
   * declined intent may be confirmed again, a lost create may have charged). Each payment is
   * checked on its own: one failing never stops the batch, and a payment still open is looked at
   * again later with backoff, so a long tail of old payments cannot starve newer ones.
   */
  public int reconcile(Duration olderThan, int limit) {
    var due = payments.findDueForCheck(now().minus(olderThan), now(), limit);
    for (Payment payment : due) {
      try {
        if (reconcileOne(payment)) {
          continue;
        }
      } catch (RuntimeException failure) {
        log.log(
            System.Logger.Level.WARNING,
            "reconciling payment {0} failed ({1}); retried later",
            payment.id(),
            failure.toString());
      }
      payments.deferCheck(payment.id(), checks -> now().plus(checkBackoff.after(checks)));
    }
    return due.size();
  }

  /** True when the payment is final at the provider and needs no further checks. */
  private boolean reconcileOne(Payment payment) {
    OrderId orderId = payment.orderId();
    PaymentProvider.Intent intent;
    if (payment.providerPaymentId() == null) {
      var found = provider.findByOrder(orderId.toString());
      if (found.isEmpty()) {
        if (payment.status() == PaymentStatus.CANCELLED
            && payment.createdAt().isBefore(now().minus(LOST_INTENT_WINDOW))) {
          payments.markFinalAtProvider(payment.id()); // no create can still be in flight
          return true;
        }
        return false;
      }
      intent = found.get();
    } else {
      intent = provider.retrieve(payment.providerPaymentId());
    }
    var current = apply(orderId, intent);
    if (intent.status() == PaymentStatus.CANCELLED) {
      payments.markFinalAtProvider(current.id());
      return true;
    }
    if (current.status() == PaymentStatus.FAILED || current.status() == PaymentStatus.CANCELLED) {
      // declined, or cancelled by us, but still payable at the provider: close it there
      var closed = provider.cancel(intent.providerPaymentId(), "orderpay-cancel-" + orderId);
      apply(orderId, closed);
      if (closed.status() == PaymentStatus.CANCELLED) {
        payments.markFinalAtProvider(current.id());
        return true;
      }
    }
    return !current.isOpenOrFailed() && current.status() != PaymentStatus.CANCELLED;
  }

  private Payment apply(OrderId orderId, PaymentProvider.Intent intent) {
    Payment applied =
        transactions.inTransaction(
            () -> {
              var current = payments.findByOrderForUpdate(orderId).orElseThrow();
              var withIntent =
                  current.providerPaymentId() == null
                      ? current.withIntent(intent.providerPaymentId(), intent.clientSecret(), now())
                      : current;
              Payment moved = withIntent.advance(intent.status(), intent.failureReason(), now());
              if (moved != current) {
                payments.update(moved); // the intent and its status in one write
              }
              if (moved != withIntent) {
                announce(moved);
              }
              return moved;
            });
    if (applied.status() == PaymentStatus.SUCCEEDED) {
      succeededIntents.remember(applied.providerPaymentId(), PaymentStatus.SUCCEEDED); // committed
    }
    return applied;
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
      announce(moved);
    }
    return moved;
  }

  /** Inside the transaction that stored the change: its consequences and its news, once. */
  private void announce(Payment moved) {
    if (moved.status() == PaymentStatus.REFUNDED) {
      payments.recordRefunded(moved.id(), moved.amount().amountMinor());
    }
    events.publish(new PaymentStatusChanged(moved, moved.updatedAt()));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
