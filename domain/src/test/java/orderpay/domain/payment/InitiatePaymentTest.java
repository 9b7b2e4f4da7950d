package orderpay.domain.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import orderpay.domain.money.Money;
import orderpay.domain.shared.DomainException;
import org.junit.jupiter.api.Test;

class InitiatePaymentTest {
  private final PaymentFixture f = new PaymentFixture();
  private final InitiatePayment initiatePayment = f.initiatePayment;

  @Test
  void initiatingTwiceCallsTheProviderOnceWithAKeyFromTheOrder() {
    var first = initiatePayment.initiate(f.order, f.user, Money.of(1000, "EUR"), "pm_card_visa", 1);
    var again = initiatePayment.initiate(f.order, f.user, Money.of(1000, "EUR"), "pm_card_visa", 1);
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(first.status()).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(f.provider.calls).containsExactly("create orderpay-" + f.order + "-attempt-1");
    assertThat(f.announced(PaymentStatus.SUCCEEDED)).isEqualTo(1);
  }

  @Test
  void anotherAmountForTheSameOrderIsAConflict() {
    initiatePayment.initiate(f.order, f.user, Money.of(1000, "EUR"), null, 1);
    assertThatThrownBy(
            () -> initiatePayment.initiate(f.order, f.user, Money.of(999, "EUR"), null, 1))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.reason()).isEqualTo("conflict"));
  }

  @Test
  void aPaymentCancelledBeforeItsIntentExistedIsNeverStartedAfterwards() {
    f.provider.loseCreateAnswer = true;
    f.provider.byOrder.clear();
    assertThatThrownBy(
            () -> initiatePayment.initiate(f.order, f.user, Money.of(1000, "EUR"), null, 1))
        .isInstanceOf(DomainException.class);
    f.provider.byOrder.clear(); // the create never reached the provider
    assertThat(f.cancelPayment.cancel(f.order).status()).isEqualTo(PaymentStatus.CANCELLED);
    f.provider.loseCreateAnswer = false;
    int creates = (int) f.provider.calls.stream().filter(c -> c.startsWith("create")).count();
    assertThatThrownBy(
            () ->
                initiatePayment.initiate(f.order, f.user, Money.of(1000, "EUR"), "pm_card_visa", 1))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.reason()).isEqualTo("invalid_state"));
    assertThat(f.provider.calls.stream().filter(c -> c.startsWith("create"))).hasSize(creates);
  }
}
