package orderpay.domain.payment;

import java.time.Duration;
import orderpay.domain.shared.Backoff;
import orderpay.domain.shared.OrderId;

/**
 * Finds what webhooks did not tell: asks the provider about payments not yet final there, and
 * closes at the provider what is over here.
 */
public record ReconcilePayments(
    PaymentRepository payments, PaymentProvider provider, PaymentChanges changes) {
  private static final System.Logger log = System.getLogger(ReconcilePayments.class.getName());

  /** How long after its creation a payment without a known intent may still have one appear. */
  static final Duration LOST_INTENT_WINDOW = Duration.ofHours(1);

  private static final Backoff CHECK_BACKOFF =
      new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(10));

  /**
   * Asks the provider about every payment not yet final there (a webhook may have been lost, a
   * declined intent may be confirmed again, a lost create may have charged). Each payment is
   * checked on its own: one failing never stops the batch, and a payment still open is looked at
   * again later with backoff, so a long tail of old payments cannot starve newer ones. Returns how
   * many were checked.
   */
  public int reconcile(Duration olderThan, int limit) {
    var due = payments.findDueForCheck(changes.now().minus(olderThan), changes.now(), limit);
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
      payments.deferCheck(payment.id(), checks -> changes.now().plus(CHECK_BACKOFF.after(checks)));
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
            && payment.createdAt().isBefore(changes.now().minus(LOST_INTENT_WINDOW))) {
          payments.markFinalAtProvider(payment.id()); // no create can still be in flight
          return true;
        }
        return false;
      }
      intent = found.get();
    } else {
      intent = provider.retrieve(payment.providerPaymentId());
    }
    var current = changes.apply(orderId, intent);
    if (intent.status() == PaymentStatus.CANCELLED) {
      payments.markFinalAtProvider(current.id());
      return true;
    }
    if (current.status() == PaymentStatus.FAILED || current.status() == PaymentStatus.CANCELLED) {
      // declined, or cancelled by us, but still payable at the provider: close it there
      var closed = provider.cancel(intent.providerPaymentId(), "orderpay-cancel-" + orderId);
      changes.apply(orderId, closed);
      if (closed.status() == PaymentStatus.CANCELLED) {
        payments.markFinalAtProvider(current.id());
        return true;
      }
    }
    return !current.isOpenOrFailed() && current.status() != PaymentStatus.CANCELLED;
  }
}
