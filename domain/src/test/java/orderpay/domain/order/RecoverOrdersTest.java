package orderpay.domain.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import orderpay.domain.inventory.InsufficientStock;
import orderpay.domain.inventory.Reservation;
import orderpay.domain.inventory.ReservationLine;
import orderpay.domain.inventory.ReservationStatus;
import orderpay.domain.inventory.StockReservations;
import orderpay.domain.payment.PaymentStatus;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;
import orderpay.domain.shared.OrderId;
import orderpay.domain.testing.FakePayments;
import orderpay.domain.testing.FakePayments.Call;
import org.junit.jupiter.api.Test;

/**
 * Recovery finishes sagas a crash interrupted, through {@link PlaceOrder#resume}: only orders stuck
 * longer than the grace period, each once per sweep, a failing one retried later with backoff.
 */
class RecoverOrdersTest {
  private static final Duration GRACE = Duration.ofSeconds(30);
  private static final PaymentWindow WINDOW =
      new PaymentWindow(Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofSeconds(5));

  private final OrderFixture f = new OrderFixture();
  private final FakeReservations reservations = new FakeReservations();
  private final PlaceOrder placeOrder = f.placeOrder(reservations, WINDOW);
  private final RecoverOrders recover =
      new RecoverOrders(
          f.orders, f.queries, placeOrder, f.expiry, WINDOW, f.history, f.clock, f.backoff);

  /** Inventory: holds every order's units unless told to fail; records what it was asked. */
  final class FakeReservations implements StockReservations {
    final List<String> calls = new ArrayList<>();
    final Deque<RuntimeException> failures = new ArrayDeque<>();

    @Override
    public Reservation reserve(OrderId orderId, List<ReservationLine> lines) {
      calls.add("reserve " + orderId);
      if (!failures.isEmpty()) {
        throw failures.poll();
      }
      return new Reservation(
          orderId,
          lines,
          ReservationStatus.RESERVED,
          f.clock.instant().plus(Duration.ofMinutes(15)));
    }

    @Override
    public void release(OrderId orderId) {
      calls.add("release " + orderId);
    }
  }

  @Test
  void anOrderStuckPastTheGraceIsResumedToAcceptedAndAnnounced() {
    var stuck = f.recorded(); // crashed right after the insert
    f.clock.advance(GRACE.plusSeconds(1));

    assertThat(recover.resumeStuck(GRACE, 10)).isEqualTo(1);

    var resumed = f.current(stuck.id());
    assertThat(resumed.step()).isEqualTo(SagaStep.ACCEPTED);
    assertThat(resumed.status()).isEqualTo(OrderStatus.PENDING);
    assertThat(reservations.calls).containsExactly("reserve " + stuck.id());
    assertThat(f.payments.calls).containsExactly(new Call("initiate", stuck.id()));
    assertThat(f.events.published).singleElement().isInstanceOf(OrderEvent.Placed.class);
    assertThat(recover.resumeStuck(GRACE, 10)).isZero(); // done: not stuck any more
  }

  private final orderpay.domain.user.Reader admin =
      orderpay.domain.user.Reader.of(
          new orderpay.domain.user.UserId(java.util.UUID.randomUUID()), true);

  @Test
  void anAdminRetryResumesAStuckOrderAtOnceAndItsHistoryTellsWhoDidIt() {
    var stuck = f.reserved(); // well within the grace: the sweep would wait

    var resumed = recover.retryNow(stuck.id(), admin);

    assertThat(resumed.step()).isEqualTo(SagaStep.ACCEPTED);
    assertThat(f.payments.calls).containsExactly(new Call("initiate", stuck.id()));
    var history = f.history.of(stuck.id());
    assertThat(history)
        .extracting(OrderHistory.Line::kind)
        .containsSubsequence(HistoryKind.RECOVERY_ATTEMPTED, HistoryKind.PAYMENT_STARTED);
    assertThat(history)
        .filteredOn(line -> line.kind() == HistoryKind.RECOVERY_ATTEMPTED)
        .singleElement()
        .extracting(
            OrderHistory.Line::detail, org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("admin " + admin.customer().orElseThrow(), "from RESERVED");
  }

  @Test
  void aRetryRunsWhatTheSweepsWouldRunOnAnAcceptedOrder() {
    var awaiting = f.accepted();
    var unchanged = recover.retryNow(awaiting.id(), admin); // its payment window is still open
    assertThat(unchanged.status()).isEqualTo(OrderStatus.PENDING);
    assertThat(f.payments.calls).isEmpty();

    f.clock.advance(WINDOW.paymentTtl());
    var expired = recover.retryNow(awaiting.id(), admin);
    assertThat(expired.status()).isEqualTo(OrderStatus.FAILED);
    assertThat(expired.failureReason()).isEqualTo("payment_expired");
    assertThat(f.payments.calls).containsExactly(new Call("cancel", awaiting.id()));
  }

  @Test
  void onlyAnAdminRetriesAndOnlyAPendingOrder() {
    var paid = f.paid();
    var stuck = f.recorded();
    var owner = orderpay.domain.user.Reader.of(f.customer, false);

    assertThatRefused(() -> recover.retryNow(paid.id(), admin), ErrorKind.INVALID_STATE);
    assertThatRefused(() -> recover.retryNow(stuck.id(), owner), ErrorKind.FORBIDDEN);
    assertThatRefused(
        () -> recover.retryNow(new OrderId(java.util.UUID.randomUUID()), admin),
        ErrorKind.NOT_FOUND);
    assertThat(f.current(stuck.id()).step()).isEqualTo(SagaStep.NEW);
    assertThat(reservations.calls).isEmpty();
  }

  private static void assertThatRefused(Runnable call, ErrorKind kind) {
    org.assertj.core.api.Assertions.assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }

  @Test
  void anOrderWithinTheGraceIsLeftToTheRequestStillPlacingIt() {
    var young = f.recorded();
    f.clock.advance(GRACE.minusSeconds(1));

    assertThat(recover.resumeStuck(GRACE, 10)).isZero();

    assertThat(f.current(young.id()).step()).isEqualTo(SagaStep.NEW);
    assertThat(reservations.calls).isEmpty();
    assertThat(f.payments.calls).isEmpty();
  }

  @Test
  void anOrderStuckAfterItsReserveRepeatsNoReserveAndStartsItsPayment() {
    var stuck = f.reserved();
    f.clock.advance(GRACE.plusSeconds(1));

    recover.resumeStuck(GRACE, 10);

    assertThat(reservations.calls).isEmpty();
    assertThat(f.payments.calls).containsExactly(new Call("initiate", stuck.id()));
    assertThat(f.current(stuck.id()).step()).isEqualTo(SagaStep.ACCEPTED);
  }

  @Test
  void aStuckOrderConfirmedAtOnceIsPaidInTheSameResume() {
    var stuck = f.reserved();
    f.payments.initiateAs(PaymentStatus.SUCCEEDED);
    f.clock.advance(GRACE.plusSeconds(1));

    recover.resumeStuck(GRACE, 10);

    assertThat(f.current(stuck.id()).status()).isEqualTo(OrderStatus.PAID);
    assertThat(f.events.published)
        .hasExactlyElementsOfTypes(OrderEvent.Placed.class, OrderEvent.Paid.class);
  }

  @Test
  void aPaidOrderKeepsShowingItsSucceededPaymentWhenInitiatesOlderAnswerArrivesLast() {
    var stuck = f.reserved();
    f.payments.initiateAs(PaymentStatus.REQUIRES_ACTION); // 3-D Secure
    f.payments.whileInitiating(
        answered -> {
          // the customer completes 3-D Secure and the event is handled before the answer
          f.settle.apply(stuck.id(), f.paymentBecomes(stuck.id(), PaymentStatus.SUCCEEDED));
          f.payments.whileInitiating(p -> {});
        });
    f.clock.advance(GRACE.plusSeconds(1));

    recover.resumeStuck(GRACE, 10);

    var paid = f.current(stuck.id());
    assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
    assertThat(paid.payment().orElseThrow().status()).isEqualTo("SUCCEEDED");
  }

  @Test
  void anOrderThatCannotBeResumedNowIsRetriedWithDoublingBackoff() {
    var stuck = f.recorded();
    f.clock.advance(GRACE.plusSeconds(1));
    reservations.failures.add(new IllegalStateException("inventory unreachable"));
    reservations.failures.add(new IllegalStateException("inventory unreachable"));

    recover.resumeStuck(GRACE, 10); // fails: next try in 1 s
    assertThat(recover.resumeStuck(GRACE, 10)).isZero();
    f.clock.advance(Duration.ofSeconds(1));
    assertThat(recover.resumeStuck(GRACE, 10)).isEqualTo(1); // fails again: next try in 2 s
    f.clock.advance(Duration.ofSeconds(1));
    assertThat(recover.resumeStuck(GRACE, 10)).isZero();
    f.clock.advance(Duration.ofSeconds(1));
    assertThat(recover.resumeStuck(GRACE, 10)).isEqualTo(1);

    assertThat(reservations.calls).hasSize(3);
    assertThat(f.current(stuck.id()).step()).isEqualTo(SagaStep.ACCEPTED);
    assertThat(f.history.kinds(stuck.id()))
        .containsSubsequence(
            HistoryKind.RECOVERY_ATTEMPTED,
            HistoryKind.SWEEP_DEFERRED,
            HistoryKind.RECOVERY_ATTEMPTED,
            HistoryKind.SWEEP_DEFERRED,
            HistoryKind.RECOVERY_ATTEMPTED,
            HistoryKind.STOCK_RESERVED);
  }

  @Test
  void aPaymentServiceThatIsDownDefersTheOrderAndTheRestOfTheBatchStillRuns() {
    var first = f.reserved();
    f.clock.advance(Duration.ofSeconds(1)); // the sweep takes the oldest first
    var second = f.reserved();
    f.clock.advance(GRACE.plusSeconds(1));
    f.payments.failNext("initiate", FakePayments.unavailable());

    assertThat(recover.resumeStuck(GRACE, 10)).isEqualTo(2);

    assertThat(f.current(first.id()).step()).isEqualTo(SagaStep.RESERVED);
    assertThat(f.current(first.id()).status()).isEqualTo(OrderStatus.PENDING); // not given up
    assertThat(f.current(second.id()).step()).isEqualTo(SagaStep.ACCEPTED);
    assertThat(f.orders.sweepFailures).containsOnlyKeys(first.id());
  }

  @Test
  void aPaymentRefusedForGoodFailsTheOrderInsteadOfRetryingIt() {
    var stuck = f.reserved();
    f.clock.advance(GRACE.plusSeconds(1));
    f.payments.failNext(
        "initiate", DomainException.invalidField("payment_method", "unknown payment_method"));

    recover.resumeStuck(GRACE, 10);

    var failed = f.current(stuck.id());
    assertThat(failed.status()).isEqualTo(OrderStatus.FAILED);
    assertThat(failed.failureReason()).isEqualTo("payment_rejected");
    assertThat(f.events.published).singleElement().isInstanceOf(OrderEvent.Failed.class);
    // a create whose answer was lost may have made an intent: it is cancelled after commit
    assertThat(f.followUps.pending(stuck.id())).containsExactly(FollowUpAction.CANCEL_PAYMENT);
    assertThat(f.orders.sweepFailures).isEmpty();
  }

  @Test
  void aStuckOrderWhoseUnitsAreGoneLeavesNothingBehindAndIsNotRetried() {
    var stuck = f.recorded();
    f.clock.advance(GRACE.plusSeconds(1));
    reservations.failures.add(
        new InsufficientStock(List.of(new InsufficientStock.Shortage(f.teapot, 2, 0))));

    assertThat(recover.resumeStuck(GRACE, 10)).isEqualTo(1);

    assertThat(f.orders.find(stuck.id())).isEmpty(); // never announced, never charged
    assertThat(f.payments.calls).isEmpty();
    assertThat(f.events.published).isEmpty();
    assertThat(f.orders.sweepFailures).isEmpty();
  }

  @Test
  void anOrderStuckPastItsPaymentDeadlineIsFailedAndNeverCharged() {
    var stuck = f.recorded();
    f.clock.advance(Duration.ofMinutes(10)); // a long outage

    recover.resumeStuck(GRACE, 10);

    var expired = f.current(stuck.id());
    assertThat(expired.status()).isEqualTo(OrderStatus.FAILED);
    assertThat(expired.failureReason()).isEqualTo("payment_expired");
    assertThat(reservations.calls).isEmpty();
    assertThat(f.payments.calls).isEmpty();
  }

  @Test
  void aSweepResumesAtMostItsLimitOldestFirst() {
    var oldest = f.recorded();
    f.clock.advance(Duration.ofSeconds(1));
    var newer = f.recorded();
    f.clock.advance(GRACE.plusSeconds(1));

    assertThat(recover.resumeStuck(GRACE, 1)).isEqualTo(1);

    assertThat(f.current(oldest.id()).step()).isEqualTo(SagaStep.ACCEPTED);
    assertThat(f.current(newer.id()).step()).isEqualTo(SagaStep.NEW);
  }
}
