package orderpay.domain.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import orderpay.domain.money.Money;
import org.junit.jupiter.api.Test;

class RefundPaymentTest {
  private final PaymentFixture f = new PaymentFixture();
  private final RefundPayment refundPayment = f.refundPayment;

  @Test
  void cancellingASucceededPaymentLeavesItAndRefundingTwiceRefundsOnce() {
    f.initiatePayment.initiate(f.order, f.user, Money.of(1000, "EUR"), "pm_card_visa", 1);
    assertThat(f.cancelPayment.cancel(f.order).status()).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(refundPayment.refund(f.order).status()).isEqualTo(PaymentStatus.REFUNDED);
    assertThat(refundPayment.refund(f.order).status()).isEqualTo(PaymentStatus.REFUNDED);
    assertThat(f.provider.calls.stream().filter(c -> c.startsWith("refund"))).hasSize(1);
    assertThat(f.provider.calls.stream().filter(c -> c.startsWith("cancel"))).isEmpty();
  }

  @Test
  void refundingAnUnpaidPaymentIsInvalidState() {
    f.initiatePayment.initiate(f.order, f.user, Money.of(1000, "EUR"), null, 1);
    assertThatThrownBy(() -> refundPayment.refund(f.order))
        .hasMessageContaining("nothing to refund");
  }
}
