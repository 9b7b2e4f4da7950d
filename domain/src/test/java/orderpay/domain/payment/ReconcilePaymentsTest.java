package orderpay.domain.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import orderpay.domain.money.Money;
import orderpay.domain.shared.OrderId;
import org.junit.jupiter.api.Test;

class ReconcilePaymentsTest {
  private final PaymentFixture f = new PaymentFixture();
  private final ReconcilePayments reconcilePayments = f.reconcilePayments;

  private Payment initiate(OrderId order, long amountMinor, int attempt) {
    return f.initiatePayment.initiate(order, f.user, Money.of(amountMinor, "EUR"), null, attempt);
  }

  private PaymentStatus statusOf(OrderId order) {
    return f.queries.byOrder(order).status();
  }

  @Test
  void reconciliationAsksTheProviderAboutStalePaymentsOnly() {
    initiate(f.order, 1000, 1);
    assertThat(reconcilePayments.reconcile(Duration.ofMinutes(2), 10)).isZero();
    f.clock.advance(Duration.ofMinutes(3));
    f.provider.retrieved = PaymentStatus.SUCCEEDED;
    assertThat(reconcilePayments.reconcile(Duration.ofMinutes(2), 10)).isEqualTo(1);
    assertThat(statusOf(f.order)).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(reconcilePayments.reconcile(Duration.ofMinutes(2), 10)).isZero();
  }

  @Test
  void reconciliationLooksAgainAtADeclinedPaymentAndClosesItAtTheProvider() {
    var payment = initiate(f.order, 1000, 1);
    f.provider.retrieved = PaymentStatus.FAILED;
    f.clock.advance(Duration.ofMinutes(3));
    reconcilePayments.reconcile(Duration.ofMinutes(2), 10);
    assertThat(f.provider.calls).contains("cancel " + payment.providerPaymentId());
    assertThat(statusOf(f.order)).isEqualTo(PaymentStatus.CANCELLED);
    assertThat(f.payments.finalAtProvider).contains(payment.id());
    f.clock.advance(Duration.ofHours(1));
    assertThat(reconcilePayments.reconcile(Duration.ofMinutes(2), 10)).isZero();
  }

  @Test
  void reconciliationFindsADeclinedPaymentPaidLaterAndReportsTheSuccess() {
    initiate(f.order, 1000, 1);
    f.provider.retrieved = PaymentStatus.FAILED;
    f.clock.advance(Duration.ofMinutes(3));
    f.provider.retrieved = PaymentStatus.SUCCEEDED; // confirmed again before our cancel landed
    reconcilePayments.reconcile(Duration.ofMinutes(2), 10);
    assertThat(statusOf(f.order)).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(f.announced(PaymentStatus.SUCCEEDED)).isEqualTo(1);
  }

  @Test
  void oneFailingPaymentDoesNotStopReconciliationAndIsRetriedWithBackoff() {
    var stuck = initiate(f.order, 1000, 1);
    var other = new OrderId(UUID.randomUUID());
    initiate(other, 500, 2);
    f.provider.failingIntent = stuck.providerPaymentId();
    f.clock.advance(Duration.ofMinutes(3));
    f.provider.retrieved = PaymentStatus.SUCCEEDED;
    assertThat(reconcilePayments.reconcile(Duration.ofMinutes(2), 10)).isEqualTo(2);
    assertThat(statusOf(other)).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(statusOf(f.order)).isEqualTo(PaymentStatus.PENDING);
    assertThat(reconcilePayments.reconcile(Duration.ofMinutes(2), 10)).isZero(); // backing off
    f.clock.advance(Duration.ofSeconds(6));
    f.provider.failingIntent = null;
    assertThat(reconcilePayments.reconcile(Duration.ofMinutes(2), 10)).isEqualTo(1);
    assertThat(statusOf(f.order)).isEqualTo(PaymentStatus.SUCCEEDED);
  }

  @Test
  void anOpenPaymentIsCheckedAgainOnlyAfterItsBackoffSoNewerOnesGetTheirTurn() {
    var old = initiate(f.order, 1000, 1);
    f.clock.advance(Duration.ofMinutes(3));
    assertThat(reconcilePayments.reconcile(Duration.ofMinutes(2), 1)).isEqualTo(1);
    var newer = new OrderId(UUID.randomUUID());
    initiate(newer, 500, 2);
    f.clock.advance(Duration.ofMinutes(3));
    f.provider.calls.clear();
    reconcilePayments.reconcile(Duration.ofMinutes(2), 1);
    assertThat(f.provider.calls).doesNotContain("retrieve " + old.providerPaymentId());
  }
}
