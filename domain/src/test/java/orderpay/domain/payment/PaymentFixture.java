package orderpay.domain.payment;

import java.util.UUID;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.OrderId;
import orderpay.domain.testing.ImmediateTransactions;
import orderpay.domain.testing.InMemoryPaymentRepository;
import orderpay.domain.testing.MutableClock;
import orderpay.domain.testing.RecordingEvents;
import orderpay.domain.testing.SequentialIds;
import orderpay.domain.user.UserId;

/**
 * The payment service's ports as fakes and its use cases over them, wired as the service wires
 * them: one {@link PaymentChanges} shared by all. A webhook is signed {@code "valid"} or refused;
 * what it says is {@link #nextWebhook}.
 */
final class PaymentFixture {
  final MutableClock clock = MutableClock.startingAt("2026-05-01T09:00:00Z");
  final InMemoryPaymentRepository payments = new InMemoryPaymentRepository();
  final FakePaymentProvider provider = new FakePaymentProvider();
  final RecordingEvents events = new RecordingEvents();
  final ImmediateTransactions transactions = new ImmediateTransactions();
  final OrderId order = new OrderId(UUID.randomUUID());
  final UserId user = new UserId(UUID.randomUUID());
  ProviderEvent nextWebhook;

  final PaymentChanges changes = new PaymentChanges(payments, transactions, events, clock);
  final PaymentQueries queries = new PaymentQueries(payments, payments, provider);
  final InitiatePayment initiatePayment =
      new InitiatePayment(payments, provider, transactions, new SequentialIds(), changes);
  final CheckPaymentMethod checkPaymentMethod = new CheckPaymentMethod(provider);
  final CancelPayment cancelPayment = new CancelPayment(payments, provider, queries, changes);
  final RefundPayment refundPayment = new RefundPayment(provider, queries, changes);
  final HandleWebhook handleWebhook =
      new HandleWebhook(
          payments,
          (payload, signature) -> {
            if (!"valid".equals(signature)) {
              throw DomainException.invalidField("Stripe-Signature", "bad signature");
            }
            return nextWebhook;
          },
          payments,
          transactions,
          changes);
  final ReconcilePayments reconcilePayments = new ReconcilePayments(payments, provider, changes);
  final CompleteTestAuthentication completeTestAuthentication =
      new CompleteTestAuthentication(payments, provider, changes);

  /** Stripe delivers {@code event}, validly signed. */
  HandleWebhook.Outcome deliver(ProviderEvent event) {
    nextWebhook = event;
    return handleWebhook.handle(new byte[0], "valid");
  }

  /** How many times a payment's move to {@code status} was published. */
  long announced(PaymentStatus status) {
    return events.published.stream()
        .filter(e -> e instanceof PaymentStatusChanged c && c.payment().status() == status)
        .count();
  }
}
