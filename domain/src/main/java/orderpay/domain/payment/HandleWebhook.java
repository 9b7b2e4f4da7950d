package orderpay.domain.payment;

import orderpay.domain.shared.OrderId;
import orderpay.domain.shared.Transactions;

/**
 * Applies a provider's webhook: verified first, each event id once, and only to the payment it is
 * for (matched by its intent, or by its order when the create's answer was lost).
 */
public record HandleWebhook(
    PaymentRepository payments,
    WebhookVerifier verifier,
    ProcessedEvents processedEvents,
    Transactions transactions,
    PaymentChanges changes) {
  private static final System.Logger log = System.getLogger(HandleWebhook.class.getName());

  /** What a webhook delivery did: applied, or acknowledged as a duplicate / of no interest. */
  public record Outcome(String eventId, boolean duplicate) {}

  public Outcome handle(byte[] payload, String signatureHeader) {
    ProviderEvent event = verifier.verify(payload, signatureHeader);
    if (event.status().isEmpty() || event.providerPaymentId() == null) {
      // of no interest (payment_intent.created, every paid order has one): it changes nothing, so
      // it is acknowledged without a transaction; redelivered, it changes nothing again
      return new Outcome(event.eventId(), false);
    }
    if (event.status().get() == PaymentStatus.SUCCEEDED
        && changes.succeeded(event.providerPaymentId())) {
      return new Outcome(event.eventId(), false); // changes nothing, see succeededIntents
    }
    return transactions.inTransaction(
        () -> {
          if (!processedEvents.firstTime(
              event.eventId(), event.type(), event.providerPaymentId())) {
            return new Outcome(event.eventId(), true);
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
                          var attached =
                              p.withIntent(event.providerPaymentId(), null, changes.now());
                          payments.update(attached);
                          return attached;
                        });
          }
          payment.ifPresent(p -> applyEvent(p, event));
          return new Outcome(event.eventId(), false);
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
    changes.advance(payment, event.status().get(), event.failureReason());
  }
}
