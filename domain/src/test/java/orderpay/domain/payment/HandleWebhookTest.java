package orderpay.domain.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import orderpay.domain.money.Money;
import orderpay.domain.shared.DomainException;
import org.junit.jupiter.api.Test;

class HandleWebhookTest {
  private final PaymentFixture f = new PaymentFixture();
  private final HandleWebhook handleWebhook = f.handleWebhook;

  /** An event about the fixture's order, as Stripe sends it. */
  private ProviderEvent event(
      String eventId, String type, String intent, PaymentStatus status, String reason) {
    return new ProviderEvent(
        eventId, type, intent, Optional.of(status), reason, f.order.toString());
  }

  private Payment initiate(String paymentMethod) {
    return f.initiatePayment.initiate(f.order, f.user, Money.of(1000, "EUR"), paymentMethod, 1);
  }

  private PaymentStatus status() {
    return f.queries.byOrder(f.order).status();
  }

  @Test
  void webhooksMoveForwardOnlyAndEachEventIdCountsOnce() {
    String pi = initiate(null).providerPaymentId();
    var succeeded = event("evt_1", "payment_intent.succeeded", pi, PaymentStatus.SUCCEEDED, null);
    assertThat(f.deliver(succeeded).duplicate()).isFalse();
    assertThat(f.deliver(succeeded).duplicate()).isTrue();
    f.deliver(event("evt_2", "payment_intent.payment_failed", pi, PaymentStatus.FAILED, "late"));
    assertThat(status()).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(f.announced(PaymentStatus.SUCCEEDED)).isEqualTo(1);
    assertThat(f.announced(PaymentStatus.FAILED)).isZero();
  }

  @Test
  void aWebhookOfNoInterestIsAcknowledgedWithoutATransaction() {
    f.nextWebhook =
        new ProviderEvent(
            "evt_created", "payment_intent.created", "pi_1", Optional.empty(), null, null);
    var first = handleWebhook.handle(new byte[0], "valid");
    var again = handleWebhook.handle(new byte[0], "valid");
    assertThat(first).isEqualTo(new HandleWebhook.Outcome("evt_created", false));
    assertThat(again).isEqualTo(first);
    assertThat(f.transactions.opened).isZero();
    assertThat(f.payments.seen).doesNotContain("evt_created");
    assertThat(f.events.published).isEmpty();
  }

  @Test
  void theSucceededWebhookOfAnIntentTheConfirmCallSettledCostsNoTransaction() {
    var paid = initiate("pm_card_visa");
    assertThat(paid.status()).isEqualTo(PaymentStatus.SUCCEEDED);
    int opened = f.transactions.opened;
    String pi = paid.providerPaymentId();

    assertThat(
            f.deliver(
                event(
                    "evt_succeeded",
                    "payment_intent.succeeded",
                    pi,
                    PaymentStatus.SUCCEEDED,
                    null)))
        .isEqualTo(new HandleWebhook.Outcome("evt_succeeded", false));
    assertThat(f.transactions.opened).isEqualTo(opened);
    assertThat(f.payments.seen).doesNotContain("evt_succeeded");
    assertThat(f.announced(PaymentStatus.SUCCEEDED)).isEqualTo(1);

    // a refund is still recorded: only a success of a known success is skipped
    f.deliver(event("evt_refunded", "charge.refunded", pi, PaymentStatus.REFUNDED, null));
    assertThat(status()).isEqualTo(PaymentStatus.REFUNDED);
  }

  @Test
  void aSucceededWebhookForAPaymentNotYetKnownToHaveSucceededIsApplied() {
    var declined = initiate(null);
    assertThat(declined.status()).isEqualTo(PaymentStatus.PENDING);
    f.deliver(
        event(
            "evt_late_success",
            "payment_intent.succeeded",
            declined.providerPaymentId(),
            PaymentStatus.SUCCEEDED,
            null));
    assertThat(status()).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(f.payments.seen).contains("evt_late_success");
  }

  @Test
  void aBadSignatureChangesNothing() {
    initiate(null);
    assertThatThrownBy(() -> handleWebhook.handle(new byte[0], "forged"))
        .isInstanceOf(DomainException.class);
    assertThat(status()).isEqualTo(PaymentStatus.PENDING);
  }

  @Test
  void aDeclinedIntentConfirmedAgainByTheCustomerIsBelievedAndAnnounced() {
    String pi = initiate(null).providerPaymentId();
    f.deliver(
        event("evt_f", "payment_intent.payment_failed", pi, PaymentStatus.FAILED, "card_declined"));
    f.deliver(event("evt_s", "payment_intent.succeeded", pi, PaymentStatus.SUCCEEDED, null));
    assertThat(status()).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(f.announced(PaymentStatus.SUCCEEDED)).isEqualTo(1); // the order service refunds it
  }

  @Test
  void aWebhookForAnIntentWeNeverLearnedOfIsMatchedByItsOrderId() {
    f.provider.loseCreateAnswer = true;
    assertThatThrownBy(() -> initiate("pm_card_visa")).isInstanceOf(DomainException.class);
    String made = f.provider.byOrder.get(f.order.toString()).providerPaymentId();
    f.deliver(event("evt_x", "payment_intent.succeeded", made, PaymentStatus.SUCCEEDED, null));
    var payment = f.queries.byOrder(f.order);
    assertThat(payment.providerPaymentId()).isEqualTo(made);
    assertThat(payment.status()).isEqualTo(PaymentStatus.SUCCEEDED);
  }

  @Test
  void aPartialRefundAtStripeIsRecordedAndTheFullOneRefundsThePayment() {
    var payment = initiate("pm_card_visa");
    String pi = payment.providerPaymentId();
    f.deliver(refunded("evt_r1", pi, 300));
    assertThat(status()).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(f.payments.refunded).containsEntry(payment.id(), 300L);
    f.deliver(refunded("evt_r2", pi, 1000));
    assertThat(status()).isEqualTo(PaymentStatus.REFUNDED);
    assertThat(f.payments.refunded).containsEntry(payment.id(), 1000L);
  }

  /** A {@code charge.refunded} of the whole 10 EUR charge, {@code refundedMinor} of it so far. */
  private ProviderEvent refunded(String eventId, String intent, long refundedMinor) {
    return new ProviderEvent(
        eventId,
        "charge.refunded",
        intent,
        Optional.of(PaymentStatus.REFUNDED),
        null,
        f.order.toString(),
        Money.of(1000, "EUR"),
        refundedMinor);
  }

  @Test
  void anEventForAnotherAmountOrCurrencyNeverSettlesThePayment() {
    var payment = initiate(null);
    f.deliver(
        new ProviderEvent(
            "evt_odd",
            "payment_intent.succeeded",
            payment.providerPaymentId(),
            Optional.of(PaymentStatus.SUCCEEDED),
            null,
            f.order.toString(),
            Money.of(1000, "USD"),
            0));
    assertThat(status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(f.announced(PaymentStatus.SUCCEEDED)).isZero();
  }
}
