package orderpay.domain.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import orderpay.domain.money.Money;
import orderpay.domain.shared.DomainException;
import org.junit.jupiter.api.Test;

class CancelPaymentTest {
  private final PaymentFixture f = new PaymentFixture();
  private final CancelPayment cancelPayment = f.cancelPayment;

  @Test
  void cancellingAPaymentWhoseCreateAnswerWasLostFindsAndCancelsTheIntent() {
    f.provider.loseCreateAnswer = true;
    assertThatThrownBy(
            () -> f.initiatePayment.initiate(f.order, f.user, Money.of(1000, "EUR"), null, 1))
        .isInstanceOf(DomainException.class);
    assertThat(f.queries.byOrder(f.order).providerPaymentId()).isNull();
    String made = f.provider.byOrder.get(f.order.toString()).providerPaymentId();
    var cancelled = cancelPayment.cancel(f.order);
    assertThat(cancelled.status()).isEqualTo(PaymentStatus.CANCELLED);
    assertThat(cancelled.providerPaymentId()).isEqualTo(made);
    assertThat(f.provider.calls).contains("search " + f.order, "cancel " + made);
  }

  @Test
  void aLostCreateThatChargedIsFoundAndReportedAsSucceeded() {
    f.provider.loseCreateAnswer = true;
    assertThatThrownBy(
            () ->
                f.initiatePayment.initiate(
                    f.order, f.user, Money.of(1000, "EUR"), "pm_card_visa", 1))
        .isInstanceOf(DomainException.class);
    f.provider.retrieved = PaymentStatus.SUCCEEDED;
    assertThat(cancelPayment.cancel(f.order).status()).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(f.announced(PaymentStatus.SUCCEEDED)).isEqualTo(1);
  }
}
