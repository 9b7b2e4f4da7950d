package orderpay.domain.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.money.Money;
import orderpay.domain.payment.PaymentStatus;
import orderpay.domain.shared.OrderId;
import orderpay.domain.testing.MutableClock;
import orderpay.domain.user.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The order's own rules for its payment's news, without any port: how it moves, what it announces
 * and which calls to the payment service it owes (the use cases record those as follow-ups).
 */
class OrderSettlementTest {
  private final MutableClock clock = MutableClock.startingAt("2026-06-01T12:00:00Z");

  @Test
  void aSuccessPaysAPendingOrderAndOwesNothing() {
    var order = accepted();

    var owed = order.settle(update(PaymentStatus.SUCCEEDED), clock);

    assertThat(owed).isEmpty();
    assertThat(order.status()).isEqualTo(OrderStatus.PAID);
    assertThat(order.payment().orElseThrow().status()).isEqualTo("SUCCEEDED");
    assertThat(order.drainEvents()).singleElement().isInstanceOf(OrderEvent.Paid.class);
  }

  @ParameterizedTest
  @EnumSource(
      value = OrderStatus.class,
      names = {"FAILED", "CANCELLED"})
  void aSuccessForAnOrderThatIsOverOwesARefundAndLeavesItAsItIs(OrderStatus over) {
    var order = accepted();
    end(order, over);

    var owed = order.settle(update(PaymentStatus.SUCCEEDED), clock);

    assertThat(owed).containsExactly(FollowUpAction.REFUND_PAYMENT);
    assertThat(order.status()).isEqualTo(over);
    assertThat(order.drainEvents()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = OrderStatus.class,
      names = {"PAID", "REFUNDED"})
  void aSuccessForAnOrderPaidOrRefundedAlreadyOwesNothing(OrderStatus settled) {
    var order = accepted();
    end(order, settled);

    assertThat(order.settle(update(PaymentStatus.SUCCEEDED), clock)).isEmpty();
    assertThat(order.status()).isEqualTo(settled);
    assertThat(order.drainEvents()).isEmpty();
  }

  @Test
  void aDeclineFailsAPendingOrderWithItsReasonAndOwesCancellingTheIntent() {
    var order = accepted();

    var owed = order.settle(declined("card_declined"), clock);

    assertThat(owed).containsExactly(FollowUpAction.CANCEL_PAYMENT);
    assertThat(order.status()).isEqualTo(OrderStatus.FAILED);
    assertThat(order.failureReason()).isEqualTo("card_declined");
    assertThat(order.drainEvents())
        .singleElement()
        .isInstanceOfSatisfying(
            OrderEvent.Failed.class, e -> assertThat(e.reason()).isEqualTo("card_declined"));
  }

  @Test
  void aDeclineWithoutAReasonFailsAsPaymentFailed() {
    var order = accepted();

    order.settle(declined(" "), clock);

    assertThat(order.failureReason()).isEqualTo("payment_failed");
  }

  @Test
  void aDeclinedIntentIsCancelledWhateverTheOrder() {
    var order = accepted();
    end(order, OrderStatus.PAID);

    var owed = order.settle(declined("card_declined"), clock);

    assertThat(owed).containsExactly(FollowUpAction.CANCEL_PAYMENT);
    assertThat(order.status()).isEqualTo(OrderStatus.PAID);
    assertThat(order.drainEvents()).isEmpty();
  }

  @Test
  void aRefundAtTheProviderRefundsAPaidOrder() {
    var order = accepted();
    end(order, OrderStatus.PAID);

    assertThat(order.settle(update(PaymentStatus.REFUNDED), clock)).isEmpty();
    assertThat(order.status()).isEqualTo(OrderStatus.REFUNDED);
    assertThat(order.drainEvents()).singleElement().isInstanceOf(OrderEvent.Refunded.class);
  }

  @ParameterizedTest
  @EnumSource(
      value = PaymentStatus.class,
      names = {"CANCELLED", "PENDING", "REQUIRES_ACTION"})
  void newsThatSettlesNothingLeavesAPendingOrderPending(PaymentStatus status) {
    var order = accepted();

    assertThat(order.settle(update(status), clock)).isEmpty();
    assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
    assertThat(order.drainEvents()).isEmpty();
  }

  @Test
  void anOutcomeBeforeInitiatesAnswerAcceptsTheOrderFirst() {
    var order = reserved();

    order.settle(update(PaymentStatus.SUCCEEDED), clock);

    assertThat(order.step()).isEqualTo(SagaStep.ACCEPTED);
    assertThat(order.drainEvents())
        .hasExactlyElementsOfTypes(OrderEvent.Placed.class, OrderEvent.Paid.class);
  }

  @Test
  void aPaymentStartedAndConfirmedAtOnceIsAcceptedAndPaidTogether() {
    var order = reserved();

    assertThat(order.paymentStarted(update(PaymentStatus.SUCCEEDED), clock)).isEmpty();
    assertThat(order.status()).isEqualTo(OrderStatus.PAID);
    assertThat(order.drainEvents())
        .hasExactlyElementsOfTypes(OrderEvent.Placed.class, OrderEvent.Paid.class);
  }

  @Test
  void aPaymentStartedButNotFinalOnlyAcceptsTheOrder() {
    var order = reserved();

    assertThat(order.paymentStarted(update(PaymentStatus.REQUIRES_ACTION), clock)).isEmpty();
    assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
    assertThat(order.step()).isEqualTo(SagaStep.ACCEPTED);
    assertThat(order.drainEvents()).singleElement().isInstanceOf(OrderEvent.Placed.class);
  }

  @Test
  void aPaymentStartedForAnOrderThatEndedMeanwhileOwesCancellingTheIntent() {
    var order = reserved();
    order.cancel(clock);

    var owed = order.paymentStarted(update(PaymentStatus.SUCCEEDED), clock);

    assertThat(owed).containsExactly(FollowUpAction.CANCEL_PAYMENT);
    assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
    // its cancellation only: an order that ended before it was accepted is never announced
    assertThat(order.drainEvents()).hasExactlyElementsOfTypes(OrderEvent.Cancelled.class);
  }

  @Test
  void stockThatCannotBeCommittedOwesAPaidOrderARefundAndChangesNothingYet() {
    var paid = accepted();
    end(paid, OrderStatus.PAID);
    var pending = accepted();

    assertThat(paid.stockUnavailable()).containsExactly(FollowUpAction.REFUND_ORDER);
    assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
    assertThat(pending.stockUnavailable()).isEmpty();
  }

  @Test
  void abandoningFailsOnlyAPendingOrderAndCancelsAnyIntentItMayHave() {
    var pending = reserved();
    var paid = accepted();
    end(paid, OrderStatus.PAID);

    assertThat(pending.abandon("payment_expired", clock))
        .containsExactly(FollowUpAction.CANCEL_PAYMENT);
    assertThat(pending.status()).isEqualTo(OrderStatus.FAILED);
    assertThat(pending.failureReason()).isEqualTo("payment_expired");
    assertThat(paid.abandon("payment_expired", clock)).isEmpty();
    assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
  }

  @Test
  void cancellingBeforePayingCancelsAnyIntentBeingMade() {
    var order = reserved();

    assertThat(order.cancelUnpaid(clock)).containsExactly(FollowUpAction.CANCEL_PAYMENT);
    assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(order.drainEvents()).singleElement().isInstanceOf(OrderEvent.Cancelled.class);
  }

  @Test
  void anEventKeepsTheOrderAsItsTransitionLeftIt() {
    var order = accepted();
    order.markPaid(clock);
    var paid = (OrderEvent.Paid) order.drainEvents().getFirst();

    order.refund(clock);

    assertThat(paid.order().status()).isEqualTo(OrderStatus.PAID);
    assertThat(paid.order().id()).isEqualTo(order.id());
    assertThat(paid.order().total()).isEqualTo(Money.of(5000, "EUR"));
    assertThat(paid.order().createdAt()).isEqualTo(order.createdAt());
  }

  private Order reserved() {
    var order =
        Order.place(
            new OrderId(UUID.randomUUID()),
            new UserId(UUID.randomUUID()),
            null,
            List.of(
                new OrderLine(
                    new ProductId(UUID.randomUUID()), "Teapot", 2, Money.of(2500, "EUR"))),
            "1 Main St",
            null,
            clock);
    order.stockReserved(clock);
    return order;
  }

  /** Accepted with a PENDING payment; its announcement already drained. */
  private Order accepted() {
    var order = reserved();
    order.accept(update(PaymentStatus.PENDING).view(), clock);
    order.drainEvents();
    return order;
  }

  /** Moves an accepted order to {@code status} as an earlier request did (events drained). */
  private void end(Order order, OrderStatus status) {
    switch (status) {
      case PAID -> order.markPaid(clock);
      case FAILED -> order.markFailed("payment_expired", clock);
      case CANCELLED -> order.cancel(clock);
      case REFUNDED -> {
        order.markPaid(clock);
        order.refund(clock);
      }
      case PENDING -> {}
    }
    order.drainEvents();
  }

  private static PaymentUpdate update(PaymentStatus status) {
    return new PaymentUpdate("pay-1", status, "fake", "pi_1", null, null);
  }

  private static PaymentUpdate declined(String reason) {
    return new PaymentUpdate("pay-1", PaymentStatus.FAILED, "fake", "pi_1", null, reason);
  }
}
