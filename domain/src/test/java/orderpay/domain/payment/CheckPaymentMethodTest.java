package orderpay.domain.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import orderpay.domain.shared.DomainException;
import org.junit.jupiter.api.Test;

class CheckPaymentMethodTest {
  private final PaymentFixture f = new PaymentFixture();
  private final CheckPaymentMethod checkPaymentMethod = f.checkPaymentMethod;

  @Test
  void unknownPaymentMethodsAreRefusedAndKnownOnesRemembered() {
    assertThatThrownBy(() -> checkPaymentMethod.check("pm_nonsense"))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> assertThat(e.details()).containsEntry("field", "payment_method"));
    checkPaymentMethod.check("pm_card_visa");
    checkPaymentMethod.check("pm_card_visa");
    assertThat(f.provider.calls.stream().filter(c -> c.equals("method pm_card_visa"))).hasSize(1);
  }
}
