package orderpay.domain.payment;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import orderpay.domain.shared.BoundedMemory;
import orderpay.domain.shared.EventPublisher;
import orderpay.domain.shared.OrderId;
import orderpay.domain.shared.Transactions;

/**
 * How a payment changes, whatever told us (the provider's answer, a webhook, reconciliation): it
 * moves forward only, and each change is stored and published once, in the transaction that records
 * it.
 *
 * <p>One instance is shared by the payment service's use cases (public so the service's wiring can
 * build it; its methods stay in this package): the succeeded intents it remembers are what lets
 * {@link HandleWebhook} skip the webhook of a payment {@link InitiatePayment} already settled.
 */
public final class PaymentChanges {
  /**
   * Intents whose success is committed here. Every paid order's {@code payment_intent.succeeded}
   * arrives after the confirm call already recorded it; a SUCCEEDED payment can never move on such
   * an event, so it is acknowledged without a transaction. Another replica, or this one after a
   * restart, does not know the intent and takes the recorded path: same outcome, one transaction.
   */
  private final BoundedMemory<String, PaymentStatus> succeededIntents = new BoundedMemory<>(10_000);

  private final PaymentRepository payments;
  private final Transactions transactions;
  private final EventPublisher events;
  private final Clock clock;

  public PaymentChanges(
      PaymentRepository payments, Transactions transactions, EventPublisher events, Clock clock) {
    this.payments = payments;
    this.transactions = transactions;
    this.events = events;
    this.clock = clock;
  }

  /** Whether the intent's success is committed here already (see {@code succeededIntents}). */
  boolean succeeded(String providerPaymentId) {
    return succeededIntents.knows(providerPaymentId);
  }

  /** The order's payment after what the provider says of its intent, in a transaction. */
  Payment apply(OrderId orderId, PaymentProvider.Intent intent) {
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

  /** Moves the order's payment to {@code status} without the provider, in a transaction. */
  Payment record(OrderId orderId, PaymentStatus status, String reason) {
    return transactions.inTransaction(
        () -> advance(payments.findByOrderForUpdate(orderId).orElseThrow(), status, reason));
  }

  /** Inside a transaction: moves forward if it can, then stores and announces the change once. */
  Payment advance(Payment current, PaymentStatus next, String reason) {
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
    events.publish(PaymentStatusChanged.of(moved));
  }

  /** The time stamped on payments. */
  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
