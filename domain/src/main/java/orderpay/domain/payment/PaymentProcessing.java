package orderpay.domain.payment;

import java.time.Clock;
import java.time.Duration;
import orderpay.domain.money.Money;
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
 * published once, in the transaction that records it ({@link PaymentChanges}).
 *
 * <p>One class per use case behind this facade: {@link InitiatePayment}, {@link CancelPayment},
 * {@link RefundPayment}, {@link HandleWebhook}, {@link ReconcilePayments}, {@link PaymentQueries},
 * {@link CompleteTestAuthentication}.
 */
public final class PaymentProcessing {
  /** What a webhook delivery did: applied, or acknowledged as a duplicate / of no interest. */
  public record WebhookOutcome(String eventId, boolean duplicate) {}

  private final InitiatePayment initiate;
  private final CancelPayment cancel;
  private final RefundPayment refund;
  private final HandleWebhook webhooks;
  private final ReconcilePayments reconciliation;
  private final PaymentQueries queries;
  private final CompleteTestAuthentication authentication;
  private final PaymentRepository payments;
  private final PaymentProvider provider;

  public PaymentProcessing(
      PaymentRepository payments,
      PaymentProvider provider,
      WebhookVerifier verifier,
      ProcessedEvents processedEvents,
      Transactions transactions,
      EventPublisher events,
      IdGenerator ids,
      Clock clock) {
    var changes = new PaymentChanges(payments, transactions, events, clock);
    this.payments = payments;
    this.provider = provider;
    this.queries = new PaymentQueries(payments, processedEvents);
    this.initiate = new InitiatePayment(payments, provider, transactions, ids, changes);
    this.cancel = new CancelPayment(payments, provider, queries, changes);
    this.refund = new RefundPayment(provider, queries, changes);
    this.webhooks = new HandleWebhook(payments, verifier, processedEvents, transactions, changes);
    this.reconciliation = new ReconcilePayments(payments, provider, changes);
    this.authentication = new CompleteTestAuthentication(payments, provider, changes);
  }

  /** Starts the order's payment, once per order: a retry answers with the payment made before. */
  public Payment initiate(
      OrderId orderId, UserId userId, Money amount, String paymentMethod, int attempt) {
    return initiate.initiate(orderId, userId, amount, paymentMethod, attempt);
  }

  public Payment byOrder(OrderId orderId) {
    return queries.byOrder(orderId);
  }

  /** A payment is its payer's (or an admin's) to see; others learn not even that it exists. */
  public Payment readById(String paymentId, Reader reader) {
    return queries.readById(paymentId, reader);
  }

  /** The order's payment, to its payer or an admin; as {@link #readById}. */
  public Payment readByOrder(OrderId orderId, Reader reader) {
    return queries.readByOrder(orderId, reader);
  }

  /** The order's payment and the provider events about it, to its payer or an admin. */
  public PaymentActivity activityOf(OrderId orderId, Reader reader) {
    return queries.activityOf(orderId, reader);
  }

  /**
   * Cancels the order's intent unless it already succeeded (then the succeeded payment is
   * returned).
   */
  public Payment cancel(OrderId orderId) {
    return cancel.cancel(orderId);
  }

  /** Refuses a payment method the provider does not know; known ones are remembered. */
  public void checkPaymentMethod(String paymentMethod) {
    initiate.checkPaymentMethod(paymentMethod);
  }

  public Payment refund(OrderId orderId) {
    return refund.refund(orderId);
  }

  /**
   * The payer passes the 3-D Secure challenge of their payment in test mode (a storefront's
   * stand-in for Stripe.js's challenge, against the local emulator). Only the payer may: anyone
   * else, admins included, is told there is no such payment. The provider's answer is applied at
   * once, so the payment is SUCCEEDED when this returns; the order follows through {@code
   * payment.status-updated}.
   */
  public Payment completeTestAuthentication(OrderId orderId, Reader reader) {
    return authentication.complete(orderId, reader);
  }

  public WebhookOutcome handleWebhook(byte[] payload, String signatureHeader) {
    return webhooks.handle(payload, signatureHeader);
  }

  /**
   * For reconciliation: every intent the provider lists as created since {@code from}, and our
   * payments made since then or for those intents (asked after the provider, so a payment made
   * meanwhile is there too rather than missing).
   */
  public ProviderLedger ledgerSince(java.time.Instant from) {
    var intents = provider.listCreatedSince(from);
    var ids = intents.stream().map(PaymentProvider.ListedIntent::providerPaymentId).toList();
    return new ProviderLedger(intents, payments.findCreatedSinceOrFor(from, ids));
  }

  /** Asks the provider about payments not yet final there; returns how many were checked. */
  public int reconcile(Duration olderThan, int limit) {
    return reconciliation.reconcile(olderThan, limit);
  }
}
