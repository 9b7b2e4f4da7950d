package orderpay.domain.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import orderpay.domain.money.Money;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.UserId;
import org.junit.jupiter.api.Test;

class PaymentStatusTest {
  private final Instant t0 = Instant.parse("2026-01-01T10:00:00Z");

  private Payment payment(PaymentStatus status) {
    return new Payment(
        "pay_1",
        new OrderId(UUID.randomUUID()),
        new UserId(UUID.randomUUID()),
        Money.of(100, "EUR"),
        status,
        "stripe",
        "pi_1",
        "secret",
        null,
        t0,
        t0);
  }

  @Test
  void aLateFailureNeverUndoesASuccess() {
    Payment paid = payment(PaymentStatus.SUCCEEDED);
    assertThat(paid.advance(PaymentStatus.FAILED, "late", t0.plusSeconds(5))).isSameAs(paid);
    assertThat(paid.advance(PaymentStatus.PENDING, null, t0.plusSeconds(5))).isSameAs(paid);
  }

  @Test
  void movesForwardThroughTheIntentLifecycle() {
    Payment p =
        payment(PaymentStatus.PENDING)
            .advance(PaymentStatus.REQUIRES_ACTION, null, t0)
            .advance(PaymentStatus.SUCCEEDED, null, t0)
            .advance(PaymentStatus.REFUNDED, null, t0);
    assertThat(p.status()).isEqualTo(PaymentStatus.REFUNDED);
  }

  @Test
  void refundedIsFinalAndMoneyThatMovedAtTheProviderIsAlwaysBelieved() {
    for (PaymentStatus next : PaymentStatus.values()) {
      assertThat(PaymentStatus.REFUNDED.canAdvanceTo(next)).isFalse();
      // a cancelled payment can only turn out to have been charged (a lost create)
      assertThat(PaymentStatus.CANCELLED.canAdvanceTo(next))
          .isEqualTo(next == PaymentStatus.SUCCEEDED);
    }
    assertThat(PaymentStatus.FAILED.canAdvanceTo(PaymentStatus.CANCELLED)).isTrue();
    // a declined intent can be confirmed again by the customer with its client secret
    assertThat(PaymentStatus.FAILED.canAdvanceTo(PaymentStatus.SUCCEEDED)).isTrue();
    assertThat(PaymentStatus.SUCCEEDED.canAdvanceTo(PaymentStatus.FAILED)).isFalse();
  }
}
