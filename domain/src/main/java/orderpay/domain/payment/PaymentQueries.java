package orderpay.domain.payment;

import java.time.Instant;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.Reader;

/** Reads of payments: one payment, its activity, or the ledger of a window for reconciliation. */
public record PaymentQueries(
    PaymentRepository payments, ProcessedEvents processedEvents, PaymentProvider provider) {

  /** The order's payment, for the service's own use cases (no reader to check). */
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

  /** The order's payment with the provider's events about it, to its payer or an admin. */
  public PaymentActivity activityOf(OrderId orderId, Reader reader) {
    var payment = readByOrder(orderId, reader);
    return new PaymentActivity(
        payment,
        payment.providerPaymentId() == null
            ? java.util.List.of()
            : processedEvents.about(payment.providerPaymentId()));
  }

  /**
   * For reconciliation: every intent the provider lists as created since {@code from}, and our
   * payments made since then or for those intents (asked after the provider, so a payment made
   * meanwhile is there too rather than missing).
   */
  public ProviderLedger ledgerSince(Instant from) {
    var intents = provider.listCreatedSince(from);
    var ids = intents.stream().map(PaymentProvider.ListedIntent::providerPaymentId).toList();
    return new ProviderLedger(intents, payments.findCreatedSinceOrFor(from, ids));
  }
}
