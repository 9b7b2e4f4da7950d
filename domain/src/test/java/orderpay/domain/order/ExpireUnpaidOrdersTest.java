package orderpay.domain.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import orderpay.domain.payment.PaymentStatus;
import orderpay.domain.shared.DomainException;
import orderpay.domain.testing.FakePayments;
import orderpay.domain.testing.FakePayments.Call;
import org.junit.jupiter.api.Test;

/**
 * The end of the payment window: the intent is cancelled before the order fails, a payment found
 * made meanwhile pays the order, and the sweep retries an order it cannot expire now with backoff.
 */
class ExpireUnpaidOrdersTest {
  private static final Duration PAYMENT_TTL = Duration.ofMinutes(10);

  private final OrderFixture f = new OrderFixture();
  private final ExpireUnpaidOrders expiry = f.expiry;

  @Test
  void expiringAnUnpaidOrderCancelsItsIntentFirstThenFailsIt() {
    var order = f.accepted();

    var expired = expiry.expire(order.id());

    assertThat(f.payments.calls).containsExactly(new Call("cancel", order.id()));
    assertThat(f.payments.statusOf(order.id())).contains(PaymentStatus.CANCELLED);
    assertThat(expired.status()).isEqualTo(OrderStatus.FAILED);
    assertThat(f.current(order.id()).failureReason()).isEqualTo("payment_expired");
    assertThat(f.events.published).singleElement().isInstanceOf(OrderEvent.Failed.class);
  }

  @Test
  void anOrderFoundPaidWhenItsIntentIsCancelledAtExpiryBecomesPaid() {
    var order = f.accepted();
    f.payments.has(order.id(), PaymentStatus.SUCCEEDED); // paid just before the deadline

    var settled = expiry.expire(order.id());

    assertThat(settled.status()).isEqualTo(OrderStatus.PAID);
    assertThat(f.events.published).singleElement().isInstanceOf(OrderEvent.Paid.class);
    assertThat(f.followUps.pending(order.id())).isEmpty();
  }

  @Test
  void anOrderWhosePaymentNeverStartedExpiresAsWell() {
    var order = f.reserved(); // no payment at the payment service: cancel answers NOT_FOUND

    assertThat(expiry.expire(order.id()).status()).isEqualTo(OrderStatus.FAILED);
    assertThat(f.current(order.id()).failureReason()).isEqualTo("payment_expired");
  }

  @Test
  void expiryWhileThePaymentServiceIsDownChangesNothing() {
    var order = f.accepted();
    f.payments.failNext("cancel", FakePayments.unavailable());

    assertThatThrownBy(() -> expiry.expire(order.id())).isInstanceOf(DomainException.class);

    // failing the order without cancelling its intent could leave it payable
    assertThat(f.current(order.id()).status()).isEqualTo(OrderStatus.PENDING);
    assertThat(f.events.published).isEmpty();
  }

  @Test
  void theSweepExpiresOnlyOrdersPastThePaymentWindow() {
    var old = f.accepted();
    f.clock.advance(PAYMENT_TTL.minusMinutes(1));
    var young = f.accepted();
    f.clock.advance(Duration.ofMinutes(1).plusSeconds(1));

    int lookedAt = expiry.expireDue(PAYMENT_TTL, 10);

    assertThat(lookedAt).isEqualTo(1);
    assertThat(f.current(old.id()).status()).isEqualTo(OrderStatus.FAILED);
    assertThat(f.current(young.id()).status()).isEqualTo(OrderStatus.PENDING);
    assertThat(f.payments.calls).containsExactly(new Call("cancel", old.id()));
  }

  @Test
  void anOrderThatCannotBeExpiredNowIsRetriedWithBackoffWithoutHoldingUpTheOthers() {
    var stuck = f.accepted();
    f.clock.advance(Duration.ofSeconds(1)); // the sweep takes the oldest first
    var next = f.accepted();
    f.clock.advance(PAYMENT_TTL.plusSeconds(1));
    f.payments.failNext("cancel", FakePayments.unavailable());

    assertThat(expiry.expireDue(PAYMENT_TTL, 10)).isEqualTo(2);
    assertThat(f.current(stuck.id()).status()).isEqualTo(OrderStatus.PENDING);
    assertThat(f.current(next.id()).status()).isEqualTo(OrderStatus.FAILED);

    assertThat(expiry.expireDue(PAYMENT_TTL, 10)).isZero(); // backing off for 1 s
    f.payments.failNext("cancel", FakePayments.unavailable());
    f.clock.advance(Duration.ofSeconds(1));
    assertThat(expiry.expireDue(PAYMENT_TTL, 10)).isEqualTo(1); // fails again
    f.clock.advance(Duration.ofSeconds(1));
    assertThat(expiry.expireDue(PAYMENT_TTL, 10)).isZero(); // the second wait is 2 s
    f.clock.advance(Duration.ofSeconds(1));
    assertThat(expiry.expireDue(PAYMENT_TTL, 10)).isEqualTo(1);

    assertThat(f.current(stuck.id()).status()).isEqualTo(OrderStatus.FAILED);
    assertThat(f.payments.count("cancel", stuck.id())).isEqualTo(3);
  }
}
