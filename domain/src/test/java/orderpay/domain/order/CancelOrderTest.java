package orderpay.domain.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import orderpay.domain.payment.PaymentStatus;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;
import orderpay.domain.testing.FakePayments.Call;
import orderpay.domain.user.Reader;
import orderpay.domain.user.UserId;
import org.junit.jupiter.api.Test;

/**
 * Cancelling: a PENDING order's intent is cancelled before the order is, a PAID order is refunded
 * before it becomes REFUNDED, and only its owner or an admin can do either.
 */
class CancelOrderTest {
  private final OrderFixture f = new OrderFixture();
  private final CancelOrder cancelOrder = f.cancelOrder;
  private final Reader owner = Reader.of(f.customer, false);

  @Test
  void theOwnerCancelsAPendingOrderAndItsIntentIsCancelledFirst() {
    var order = f.accepted();

    var cancelled = cancelOrder.cancel(order.id(), owner);

    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(f.current(order.id()).status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(f.payments.calls).containsExactly(new Call("cancel", order.id()));
    assertThat(f.payments.statusOf(order.id())).contains(PaymentStatus.CANCELLED);
    // order.cancelled is what gives the held units back
    assertThat(f.events.published).singleElement().isInstanceOf(OrderEvent.Cancelled.class);
  }

  @Test
  void anOrderWhosePaymentHasNotStartedIsCancelledAtOnceAndAnyIntentCancelledAfterCommit() {
    var order = f.reserved(); // the saga may be starting its payment right now

    var cancelled = cancelOrder.cancel(order.id(), owner);

    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(f.payments.calls).isEmpty(); // no remote call before the commit
    assertThat(f.followUps.pending(order.id())).containsExactly(FollowUpAction.CANCEL_PAYMENT);
    assertThat(f.events.published).singleElement().isInstanceOf(OrderEvent.Cancelled.class);
  }

  @Test
  void anAdminMayCancelSomeoneElsesOrder() {
    var order = f.accepted();
    var admin = Reader.of(new UserId(UUID.randomUUID()), true);

    assertThat(cancelOrder.cancel(order.id(), admin).status()).isEqualTo(OrderStatus.CANCELLED);
  }

  @Test
  void anotherCustomerIsToldTheOrderDoesNotExistAndNothingHappens() {
    var order = f.paid();
    var stranger = Reader.of(new UserId(UUID.randomUUID()), false);

    assertThatThrownBy(() -> cancelOrder.cancel(order.id(), stranger))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));

    assertThat(f.current(order.id()).status()).isEqualTo(OrderStatus.PAID);
    assertThat(f.payments.calls).isEmpty(); // above all, no refund
    assertThat(f.events.published).isEmpty();
  }

  @Test
  void cancellingAPaidOrderRefundsItFirst() {
    var order = f.paid();

    var refunded = cancelOrder.cancel(order.id(), owner);

    assertThat(refunded.status()).isEqualTo(OrderStatus.REFUNDED);
    assertThat(f.payments.calls).containsExactly(new Call("refund", order.id()));
    assertThat(f.payments.statusOf(order.id())).contains(PaymentStatus.REFUNDED);
    // order.refunded is what puts the sold units back on the shelf
    assertThat(f.events.published).singleElement().isInstanceOf(OrderEvent.Refunded.class);
  }

  @Test
  void aRefundThatHasNotGoneThroughLeavesTheOrderPaidAndAsksToTryAgain() {
    var order = f.paid();
    f.payments.refundsInFlight(true);

    assertThatThrownBy(() -> cancelOrder.cancel(order.id(), owner))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));

    assertThat(f.current(order.id()).status()).isEqualTo(OrderStatus.PAID);
    assertThat(f.events.published).isEmpty(); // the units must not go back while money is held
    // the refund may have been made with its answer lost: it is asked again until it is known
    assertThat(f.followUps.pending(order.id())).containsExactly(FollowUpAction.REFUND_PAYMENT);
  }

  @Test
  void aRefundCallThatFailsIsAskedAgainLater() {
    var order = f.paid();
    f.payments.failNext(
        "refund", new DomainException(ErrorKind.UNAVAILABLE, "unavailable", "answer lost"));

    assertThatThrownBy(() -> cancelOrder.cancel(order.id(), owner))
        .isInstanceOf(DomainException.class);

    assertThat(f.current(order.id()).status()).isEqualTo(OrderStatus.PAID);
    assertThat(f.followUps.pending(order.id())).containsExactly(FollowUpAction.REFUND_PAYMENT);
  }

  @Test
  void aPendingOrderWhoseIntentHadJustSucceededIsRefundedInsteadOfCancelled() {
    var order = f.accepted();
    f.payments.has(order.id(), PaymentStatus.SUCCEEDED); // paid a moment before the cancel

    var result = cancelOrder.cancel(order.id(), owner);

    assertThat(result.status()).isEqualTo(OrderStatus.REFUNDED);
    assertThat(f.payments.calls)
        .containsExactly(new Call("cancel", order.id()), new Call("refund", order.id()));
    assertThat(f.payments.statusOf(order.id())).contains(PaymentStatus.REFUNDED);
    // paid, then refunded: inventory commits the units, then restocks them
    assertThat(f.events.published)
        .hasExactlyElementsOfTypes(OrderEvent.Paid.class, OrderEvent.Refunded.class);
  }

  @Test
  void cancellingAgainIsRefusedAndChangesNothing() {
    var order = f.accepted();
    cancelOrder.cancel(order.id(), owner);
    var callsBefore = f.payments.calls.size();

    assertThatThrownBy(() -> cancelOrder.cancel(order.id(), owner))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_STATE));

    assertThat(f.current(order.id()).status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(f.payments.calls).hasSize(callsBefore);
    assertThat(f.events.published).hasSize(1);
  }

  @Test
  void aCancelThatLosesTheRaceToAnotherCancelSucceedsQuietly() {
    var order = f.accepted();
    // a second request (another tab) cancels the order while this one is at the payment service
    f.payments.whileCancelling(
        id -> {
          var meanwhile = f.current(id);
          meanwhile.cancel(f.clock);
          f.orders.update(meanwhile);
          meanwhile.drainEvents().forEach(f.events::publish);
          f.payments.whileCancelling(again -> {});
        });

    var result = cancelOrder.cancel(order.id(), owner);

    assertThat(result.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(f.events.published).singleElement().isInstanceOf(OrderEvent.Cancelled.class);
  }

  @Test
  void aFailedOrRefundedOrderHasNothingToCancel() {
    var failed = f.accepted();
    f.change(failed.id(), o -> o.markFailed("payment_expired", f.clock));
    var refunded = f.paid();
    f.change(refunded.id(), o -> o.refund(f.clock));

    for (var over : java.util.List.of(failed, refunded)) {
      assertThatThrownBy(() -> cancelOrder.cancel(over.id(), owner))
          .isInstanceOfSatisfying(
              DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_STATE));
    }
    assertThat(f.current(failed.id()).status()).isEqualTo(OrderStatus.FAILED);
    assertThat(f.current(refunded.id()).status()).isEqualTo(OrderStatus.REFUNDED);
    assertThat(f.payments.calls).isEmpty();
    assertThat(f.events.published).isEmpty();
  }
}
