package orderpay.adapters.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Optional;
import java.util.function.Supplier;
import orderpay.domain.money.Money;
import orderpay.domain.payment.PaymentProvider;
import orderpay.domain.payment.PaymentProvider.Intent;
import orderpay.domain.payment.PaymentStatus;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;
import org.junit.jupiter.api.Test;

/** Each call is timed once, under the outcome the caller sees. */
class MeteredPaymentProviderTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  /** A provider whose every call answers what {@code answer} gives (or throws). */
  private static PaymentProvider answering(Supplier<Intent> answer) {
    return new PaymentProvider() {
      @Override
      public String name() {
        return "stripe";
      }

      @Override
      public Intent createIntent(String key, Money amount, String method, String orderId) {
        return answer.get();
      }

      @Override
      public Intent retrieve(String id) {
        return answer.get();
      }

      @Override
      public Optional<Intent> findByOrder(String orderId) {
        return Optional.of(answer.get());
      }

      @Override
      public java.util.List<ListedIntent> listCreatedSince(java.time.Instant from) {
        return java.util.List.of(
            new ListedIntent(
                answer.get().providerPaymentId(), null, "succeeded", Money.of(1, "EUR"), 0, from));
      }

      @Override
      public boolean paymentMethodExists(String method) {
        return answer.get() != null;
      }

      @Override
      public Intent cancel(String id, String key) {
        return answer.get();
      }

      @Override
      public Intent refund(String id, String key) {
        return answer.get();
      }
    };
  }

  private long count(String operation, String outcome) {
    return registry
        .get("stripe.calls")
        .tag("operation", operation)
        .tag("outcome", outcome)
        .timer()
        .count();
  }

  private static Intent intent(PaymentStatus status) {
    return new Intent("pi_1", status, "secret", null);
  }

  @Test
  void aSuccessAndADeclineAreAnswersOfTheirOwnKind() {
    var ok = new MeteredPaymentProvider(answering(() -> intent(PaymentStatus.SUCCEEDED)), registry);
    ok.createIntent("k", Money.of(100, "EUR"), "pm_card_visa", "o");
    var declining =
        new MeteredPaymentProvider(answering(() -> intent(PaymentStatus.FAILED)), registry);
    declining.createIntent("k", Money.of(100, "EUR"), "pm_card_chargeDeclined", "o");
    declining.retrieve("pi_1"); // a failed intent read back is no decline of this call

    assertThat(count("create_intent", "ok")).isEqualTo(1);
    assertThat(count("create_intent", "declined")).isEqualTo(1);
    assertThat(count("retrieve", "ok")).isEqualTo(1);
    assertThat(count("retrieve", "error")).isZero();
  }

  @Test
  void stripeSayingNoIsRefusedAndStripeAwayIsAnError() {
    var refusing =
        new MeteredPaymentProvider(
            answering(
                () -> {
                  throw new DomainException(ErrorKind.CONFLICT, "conflict", "idempotency");
                }),
            registry);
    assertThatThrownBy(() -> refusing.cancel("pi_1", "k")).isInstanceOf(DomainException.class);
    var away =
        new MeteredPaymentProvider(
            answering(
                () -> {
                  throw new DomainException(ErrorKind.UNAVAILABLE, "unavailable", "unreachable");
                }),
            registry);
    assertThatThrownBy(() -> away.refund("pi_1", "k")).isInstanceOf(DomainException.class);
    var broken =
        new MeteredPaymentProvider(
            answering(
                () -> {
                  throw new IllegalStateException("a bug");
                }),
            registry);
    assertThatThrownBy(() -> broken.retrieve("pi_1")).isInstanceOf(IllegalStateException.class);

    assertThat(count("cancel", "refused")).isEqualTo(1);
    assertThat(count("refund", "error")).isEqualTo(1);
    assertThat(count("retrieve", "error")).isEqualTo(1);
    assertThat(count("cancel", "ok")).isZero();
  }
}
