package orderpay.domain.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.UUID;
import orderpay.domain.money.Money;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;
import orderpay.domain.user.Reader;
import orderpay.domain.user.UserId;
import org.junit.jupiter.api.Test;

class CompleteTestAuthenticationTest {
  private final PaymentFixture f = new PaymentFixture();
  private final CompleteTestAuthentication authentication = f.completeTestAuthentication;

  @Test
  void onlyThePayerPassesATestThreeDSecureChallengeAndOnlyWhileItWaits() {
    var waiting =
        f.initiatePayment.initiate(
            f.order, f.user, Money.of(1000, "EUR"), "pm_card_threeDSecure2Required", 1);
    assertThat(waiting.status()).isEqualTo(PaymentStatus.REQUIRES_ACTION);
    var payer = Reader.of(f.user, false);
    for (var other :
        List.of(
            Reader.of(new UserId(UUID.randomUUID()), false),
            Reader.of(new UserId(UUID.randomUUID()), true),
            Reader.forNoCustomer())) {
      assertThat(
              catchThrowableOfType(
                      DomainException.class, () -> authentication.complete(f.order, other))
                  .kind())
          .isEqualTo(ErrorKind.NOT_FOUND);
    }

    f.provider.offersTestAuthentication = false; // Stripe itself: Stripe.js does it in the browser
    assertThat(
            catchThrowableOfType(
                    DomainException.class, () -> authentication.complete(f.order, payer))
                .kind())
        .isEqualTo(ErrorKind.INVALID_STATE);
    assertThat(f.payments.findByOrder(f.order).orElseThrow().status())
        .isEqualTo(PaymentStatus.REQUIRES_ACTION);

    f.provider.offersTestAuthentication = true;
    var paid = authentication.complete(f.order, payer);
    assertThat(paid.status()).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(f.events.published.getLast())
        .isInstanceOfSatisfying(
            PaymentStatusChanged.class,
            e -> assertThat(e.payment().status()).isEqualTo(PaymentStatus.SUCCEEDED));
    assertThat(
            catchThrowableOfType(
                    DomainException.class, () -> authentication.complete(f.order, payer))
                .kind())
        .isEqualTo(ErrorKind.INVALID_STATE);
  }
}
