package orderpay.domain.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import orderpay.domain.payment.PaymentStatus;
import orderpay.domain.shared.OrderId;
import orderpay.domain.testing.FakePayments;
import orderpay.domain.testing.FakePayments.Call;
import org.junit.jupiter.api.Test;

/**
 * The calls order transitions owe the payment service run after commit: each due one once, a
 * failure retried on its own with backoff, and a done one never again.
 */
class RunFollowUpsTest {
  private final OrderFixture f = new OrderFixture();
  private final RunFollowUps runFollowUps = f.runFollowUps;

  /** A declined order: it owes the cancel of its intent, which may still be confirmed. */
  private Order declined() {
    var order = f.accepted();
    f.settle.apply(order.id(), PaymentUpdate.of(f.payments.declined(order.id(), "card_declined")));
    f.events.published.clear();
    return f.current(order.id());
  }

  private void owe(OrderId orderId, FollowUpAction action) {
    f.followUps.schedule(orderId, action, f.clock.instant());
  }

  @Test
  void aDueFollowUpRunsOnceAndADoneOneNeverAgain() {
    var order = declined();

    assertThat(runFollowUps.runDue(10)).isEqualTo(1);
    assertThat(f.payments.statusOf(order.id())).contains(PaymentStatus.CANCELLED);
    assertThat(f.followUps.pending(order.id())).isEmpty();

    f.clock.advance(RunFollowUps.LEASE.plusMinutes(1)); // past any lease
    assertThat(runFollowUps.runDue(10)).isZero();
    assertThat(f.payments.count("cancel", order.id())).isEqualTo(1);
  }

  @Test
  void aFailingCallIsRetriedWithDoublingBackoffAndNeverMovesTheOrder() {
    var order = declined();
    f.payments.failNext("cancel", FakePayments.unavailable());
    f.payments.failNext("cancel", FakePayments.unavailable());

    runFollowUps.runDue(10); // fails: next attempt in 1 s
    assertThat(f.followUps.attempts(order.id(), FollowUpAction.CANCEL_PAYMENT)).isEqualTo(1);
    assertThat(runFollowUps.runDue(10)).isZero();
    f.clock.advance(Duration.ofSeconds(1));
    assertThat(runFollowUps.runDue(10)).isEqualTo(1); // fails again: next attempt in 2 s
    f.clock.advance(Duration.ofSeconds(1));
    assertThat(runFollowUps.runDue(10)).isZero();
    f.clock.advance(Duration.ofSeconds(1));
    assertThat(runFollowUps.runDue(10)).isEqualTo(1);

    assertThat(f.payments.count("cancel", order.id())).isEqualTo(3);
    assertThat(f.payments.statusOf(order.id())).contains(PaymentStatus.CANCELLED);
    assertThat(f.followUps.pending(order.id())).isEmpty();
    assertThat(f.current(order.id()).status()).isEqualTo(OrderStatus.FAILED);
    assertThat(f.events.published).isEmpty();
  }

  @Test
  void oneFailingFollowUpDoesNotHoldUpTheOthers() {
    var first = declined();
    var second = declined();
    f.payments.failNext("cancel", FakePayments.unavailable());

    assertThat(runFollowUps.runDue(10)).isEqualTo(2);

    assertThat(f.followUps.pending(first.id())).containsExactly(FollowUpAction.CANCEL_PAYMENT);
    assertThat(f.followUps.pending(second.id())).isEmpty();
    assertThat(f.payments.statusOf(second.id())).contains(PaymentStatus.CANCELLED);
  }

  @Test
  void aCancelForAnOrderThatNeverStartedAPaymentIsDone() {
    var order = f.reserved();
    f.change(order.id(), o -> o.cancel(f.clock));
    owe(order.id(), FollowUpAction.CANCEL_PAYMENT); // a payment may have been starting

    runFollowUps.runDue(10);

    assertThat(f.payments.calls).containsExactly(new Call("cancel", order.id()));
    assertThat(f.followUps.pending(order.id())).isEmpty(); // NOT_FOUND: nothing to cancel
  }

  @Test
  void anIntentFoundPaidWhenCancellingACancelledOrderIsRefundedAndTheOrderStaysCancelled() {
    var order = f.accepted();
    f.change(order.id(), o -> o.cancel(f.clock));
    owe(order.id(), FollowUpAction.CANCEL_PAYMENT);
    f.payments.has(order.id(), PaymentStatus.SUCCEEDED); // a create whose answer was lost charged

    runFollowUps.runDue(10); // the cancel finds the money: the order owes a refund
    assertThat(f.followUps.pending(order.id())).containsExactly(FollowUpAction.REFUND_PAYMENT);
    runFollowUps.runDue(10);

    assertThat(f.payments.statusOf(order.id())).contains(PaymentStatus.REFUNDED);
    assertThat(f.followUps.pending(order.id())).isEmpty();
    assertThat(f.current(order.id()).status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(f.events.published).isEmpty(); // never order.paid: the units are not taken
  }

  @Test
  void aRefundWithNothingCapturedIsDoneNotRetried() {
    var order = declined();
    owe(order.id(), FollowUpAction.REFUND_PAYMENT);
    runFollowUps.runDue(10); // the cancel first: the payment is CANCELLED, nothing was captured

    assertThat(f.payments.count("refund", order.id())).isEqualTo(1);
    assertThat(f.followUps.pending(order.id())).isEmpty();
    f.clock.advance(RunFollowUps.LEASE.plusMinutes(1));
    assertThat(runFollowUps.runDue(10)).isZero();
  }

  @Test
  void anOrderWhoseUnitsAreGoneIsRefundedOnceTheRefundHasGoneThrough() {
    var order = f.paid();
    f.settle.stockUnavailable(order.id());
    f.payments.refundsInFlight(true);

    runFollowUps.runDue(10);
    assertThat(f.current(order.id()).status()).isEqualTo(OrderStatus.PAID); // money not back yet
    assertThat(f.events.published).isEmpty();
    assertThat(f.followUps.attempts(order.id(), FollowUpAction.REFUND_ORDER)).isEqualTo(1);

    f.payments.refundsInFlight(false);
    f.clock.advance(Duration.ofSeconds(1));
    runFollowUps.runDue(10);

    var refunded = f.current(order.id());
    assertThat(refunded.status()).isEqualTo(OrderStatus.REFUNDED);
    assertThat(refunded.failureReason()).isEqualTo("out_of_stock");
    assertThat(f.events.published).singleElement().isInstanceOf(OrderEvent.Refunded.class);
    assertThat(f.followUps.pending(order.id())).isEmpty();
  }

  @Test
  void aSweepRunsAtMostItsLimit() {
    var first = declined();
    var second = declined();

    assertThat(runFollowUps.runDue(1)).isEqualTo(1);

    assertThat(f.payments.calls).containsExactly(new Call("cancel", first.id()));
    assertThat(f.followUps.pending(second.id())).containsExactly(FollowUpAction.CANCEL_PAYMENT);
  }
}
