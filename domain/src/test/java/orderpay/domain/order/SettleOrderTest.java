package orderpay.domain.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import orderpay.domain.payment.PaymentStatus;
import orderpay.domain.shared.OrderId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Payment outcomes move orders once: a repeat changes nothing, money for an order that is over goes
 * back, and nothing but a success made while the order was open makes it PAID.
 */
class SettleOrderTest {
  private final OrderFixture f = new OrderFixture();
  private final SettleOrder settle = f.settle;

  @Test
  void aSucceededPaymentPaysAPendingOrderAndAnnouncesItOnce() {
    var order = f.accepted();
    var succeeded = f.paymentBecomes(order.id(), PaymentStatus.SUCCEEDED);

    var paid = settle.apply(order.id(), succeeded);

    assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
    assertThat(f.current(order.id()).status()).isEqualTo(OrderStatus.PAID);
    assertThat(f.current(order.id()).payment().orElseThrow().status()).isEqualTo("SUCCEEDED");
    assertThat(f.events.published).singleElement().isInstanceOf(OrderEvent.Paid.class);
    assertThat(f.followUps.pending(order.id())).isEmpty(); // the money is kept
  }

  @Test
  void theSameSuccessAgainChangesNothing() {
    var order = f.accepted();
    var succeeded = f.paymentBecomes(order.id(), PaymentStatus.SUCCEEDED);
    settle.apply(order.id(), succeeded);
    var afterFirst = f.current(order.id()).snapshot();
    f.clock.advance(Duration.ofSeconds(3)); // a write would move updatedAt

    settle.apply(order.id(), succeeded); // the event after the synchronous answer

    assertThat(f.current(order.id()).snapshot()).isEqualTo(afterFirst);
    assertThat(f.events.published).hasSize(1);
    assertThat(f.followUps.pending(order.id())).isEmpty();
  }

  @Test
  void aSuccessWhoseEventOvertookInitiatesAnswerAcceptsTheOrderFirst() {
    var order = f.reserved(); // initiate's answer has not been recorded yet
    var succeeded = f.paymentBecomes(order.id(), PaymentStatus.SUCCEEDED);

    settle.apply(order.id(), succeeded);

    var settled = f.current(order.id());
    assertThat(settled.step()).isEqualTo(SagaStep.ACCEPTED);
    assertThat(settled.status()).isEqualTo(OrderStatus.PAID);
    assertThat(f.events.published)
        .hasExactlyElementsOfTypes(OrderEvent.Placed.class, OrderEvent.Paid.class);
  }

  @ParameterizedTest
  @EnumSource(
      value = OrderStatus.class,
      names = {"FAILED", "CANCELLED"})
  void aSuccessForAnOrderThatIsOverIsRefundedAndNeverMakesItPaid(OrderStatus over) {
    var order = f.accepted();
    f.change(
        order.id(),
        o -> {
          if (over == OrderStatus.FAILED) {
            o.markFailed("payment_expired", f.clock);
          } else {
            o.cancel(f.clock);
          }
        });
    var lateSuccess = f.paymentBecomes(order.id(), PaymentStatus.SUCCEEDED);

    settle.apply(order.id(), lateSuccess);
    settle.apply(order.id(), lateSuccess); // redelivered: still one refund owed

    assertThat(f.current(order.id()).status()).isEqualTo(over);
    assertThat(f.followUps.pending(order.id())).containsExactly(FollowUpAction.REFUND_PAYMENT);
    assertThat(f.events.published).isEmpty(); // no order.paid: inventory must not commit
    assertThat(f.payments.calls).isEmpty(); // the refund runs after commit, not in here
  }

  @Test
  void aSuccessForAnOrderAlreadyRefundedOwesNothingMore() {
    var order = f.paid();
    f.change(order.id(), o -> o.refund(f.clock));
    var staleSuccess = f.paymentBecomes(order.id(), PaymentStatus.SUCCEEDED);

    settle.apply(order.id(), staleSuccess);

    assertThat(f.current(order.id()).status()).isEqualTo(OrderStatus.REFUNDED);
    assertThat(f.followUps.pending(order.id())).isEmpty();
    assertThat(f.events.published).isEmpty();
  }

  @Test
  void aDeclineFailsThePendingOrderWithTheProvidersReasonAndCancelsTheIntentLater() {
    var order = f.accepted();
    var declined = PaymentUpdate.of(f.payments.declined(order.id(), "card_declined"));

    settle.apply(order.id(), declined);
    settle.apply(order.id(), declined); // redelivered

    var failed = f.current(order.id());
    assertThat(failed.status()).isEqualTo(OrderStatus.FAILED);
    assertThat(failed.failureReason()).isEqualTo("card_declined");
    // order.failed is what gives the held units back (inventory releases the hold on it)
    assertThat(f.events.published)
        .singleElement()
        .isInstanceOfSatisfying(
            OrderEvent.Failed.class, e -> assertThat(e.reason()).isEqualTo("card_declined"));
    // a declined intent could still be confirmed with its client secret: it is cancelled
    assertThat(f.followUps.pending(order.id())).containsExactly(FollowUpAction.CANCEL_PAYMENT);
  }

  @Test
  void aDeclineWithoutAReasonFailsTheOrderAsPaymentFailed() {
    var order = f.accepted();

    settle.apply(order.id(), f.paymentBecomes(order.id(), PaymentStatus.FAILED));

    assertThat(f.current(order.id()).failureReason()).isEqualTo("payment_failed");
  }

  @Test
  void aDeclineThatArrivesAfterTheSuccessLeavesThePaidOrderPaid() {
    var order = f.paid();
    var staleDecline =
        new PaymentUpdate(
            "pay-" + order.id(), PaymentStatus.FAILED, "fake", null, null, "card_declined");

    settle.apply(order.id(), staleDecline);

    var still = f.current(order.id());
    assertThat(still.status()).isEqualTo(OrderStatus.PAID);
    assertThat(still.failureReason()).isNull();
    assertThat(f.events.published).isEmpty(); // no order.failed: the units stay sold
    assertThat(f.followUps.pending(order.id())).doesNotContain(FollowUpAction.REFUND_PAYMENT);
  }

  @Test
  void aStaleOutcomeNeverTurnsThePaymentAPaidOrderShowsBack() {
    var order = f.paid();
    var staleDecline =
        new PaymentUpdate(
            "pay-" + order.id(), PaymentStatus.FAILED, "fake", null, null, "card_declined");

    settle.apply(order.id(), staleDecline);

    assertThat(f.current(order.id()).payment().orElseThrow().status()).isEqualTo("SUCCEEDED");
  }

  @Test
  void aPaymentCancelledElsewhereLeavesTheOrderToItsDeadline() {
    var order = f.accepted();

    settle.apply(order.id(), f.paymentBecomes(order.id(), PaymentStatus.CANCELLED));

    assertThat(f.current(order.id()).status()).isEqualTo(OrderStatus.PENDING);
    assertThat(f.events.published).isEmpty();
    assertThat(f.followUps.pending(order.id())).isEmpty();
  }

  @Test
  void aRefundMadeAtTheProviderRefundsAPaidOrder() {
    var order = f.paid();

    settle.apply(order.id(), f.paymentBecomes(order.id(), PaymentStatus.REFUNDED));

    assertThat(f.current(order.id()).status()).isEqualTo(OrderStatus.REFUNDED);
    assertThat(f.events.published).singleElement().isInstanceOf(OrderEvent.Refunded.class);
  }

  @Test
  void anUpdateForAnOrderWeDoNotKnowChangesNothing() {
    var unknown = new OrderId(UUID.randomUUID());

    var result =
        settle.apply(
            unknown,
            new PaymentUpdate("pay-x", PaymentStatus.SUCCEEDED, "fake", "pi_x", null, null));

    assertThat(result).isNull();
    assertThat(f.orders.rows).isEmpty();
    assertThat(f.events.published).isEmpty();
    assertThat(f.followUps.pending(unknown)).isEmpty();
  }

  @Test
  void unitsAPaidOrderCannotGetAreRefundedButOnlyForAPaidOrder() {
    var paid = f.paid();
    var pending = f.accepted();

    settle.stockUnavailable(paid.id());
    settle.stockUnavailable(pending.id());

    assertThat(f.followUps.pending(paid.id())).containsExactly(FollowUpAction.REFUND_ORDER);
    assertThat(f.followUps.pending(pending.id())).isEmpty();
    assertThat(f.current(paid.id()).status()).isEqualTo(OrderStatus.PAID); // until the refund
  }
}
