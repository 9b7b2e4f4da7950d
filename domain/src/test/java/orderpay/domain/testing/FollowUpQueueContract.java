package orderpay.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import orderpay.domain.order.FollowUp;
import orderpay.domain.order.FollowUpAction;
import orderpay.domain.order.FollowUpQueue;
import orderpay.domain.order.HistoryKind;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.UserId;
import org.junit.jupiter.api.Test;

/**
 * What every {@link FollowUpQueue} must do, including telling the order's history; run against the
 * fake and PostgreSQL.
 */
public abstract class FollowUpQueueContract extends OrderStoresContract {
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final Set<HistoryKind> FOLLOW_UP_KINDS =
      Set.of(
          HistoryKind.FOLLOW_UP_REQUESTED,
          HistoryKind.FOLLOW_UP_DONE,
          HistoryKind.FOLLOW_UP_FAILED);
  private final Instant t0 = clock.instant();

  /** An order follow-ups may be owed for (the database wants one that exists). */
  private OrderId existingOrder() {
    return stored(new UserId(UUID.randomUUID())).id();
  }

  private void schedule(OrderId order, FollowUpAction action, Instant due) {
    stores.transactions().run(() -> stores.followUps().schedule(order, action, due));
  }

  private List<FollowUp> claim(Instant now, int limit) {
    return stores.followUps().claimDue(now, LEASE, limit);
  }

  /** What the order's history tells of its follow-ups, in order. */
  private List<String> told(OrderId order) {
    return stores.history().of(order).stream()
        .filter(line -> FOLLOW_UP_KINDS.contains(line.kind()))
        .map(line -> line.kind().wireName() + " " + line.detail())
        .toList();
  }

  @Test
  void aFollowUpIsOwedOncePerOrderAndActionAndARepeatChangesNothing() {
    var order = existingOrder();
    schedule(order, FollowUpAction.CANCEL_PAYMENT, t0);
    schedule(order, FollowUpAction.CANCEL_PAYMENT, t0.minusSeconds(3600));
    schedule(order, FollowUpAction.REFUND_PAYMENT, t0);

    assertThat(claim(t0.minusSeconds(1), 10)).as("the repeat's earlier time is ignored").isEmpty();
    assertThat(claim(t0, 10))
        .containsExactlyInAnyOrder(
            new FollowUp(order, FollowUpAction.CANCEL_PAYMENT, 0),
            new FollowUp(order, FollowUpAction.REFUND_PAYMENT, 0));
    assertThat(told(order))
        .containsExactly(
            "follow_up_requested CANCEL_PAYMENT", "follow_up_requested REFUND_PAYMENT");
  }

  @Test
  void aClaimedFollowUpIsLeasedAndComesBackWhenTheLeaseEnds() {
    var order = existingOrder();
    schedule(order, FollowUpAction.REFUND_ORDER, t0);
    var owed = new FollowUp(order, FollowUpAction.REFUND_ORDER, 0);

    assertThat(claim(t0, 10)).containsExactly(owed);
    assertThat(claim(t0.plus(LEASE).minusSeconds(1), 10)).isEmpty();
    assertThat(claim(t0.plus(LEASE), 10)).containsExactly(owed);
  }

  @Test
  void theEarliestDueAreClaimedFirstUpToTheLimit() {
    var late = existingOrder();
    var first = existingOrder();
    var second = existingOrder();
    schedule(late, FollowUpAction.CANCEL_PAYMENT, t0.plusSeconds(2));
    schedule(first, FollowUpAction.CANCEL_PAYMENT, t0);
    schedule(second, FollowUpAction.CANCEL_PAYMENT, t0.plusSeconds(1));

    assertThat(claim(t0.plusSeconds(10), 2))
        .extracting(FollowUp::orderId)
        .containsExactlyInAnyOrder(first, second);
    assertThat(claim(t0.plusSeconds(10), 2)).extracting(FollowUp::orderId).containsExactly(late);
  }

  @Test
  void aFailedAttemptIsCountedAndRetriedWhenAskedAndADoneOneNeverAgain() {
    var order = existingOrder();
    schedule(order, FollowUpAction.CANCEL_PAYMENT, t0);
    claim(t0, 10);
    var next = t0.plusSeconds(5);
    stores.followUps().retryAt(order, FollowUpAction.CANCEL_PAYMENT, next, "payment unreachable");

    assertThat(claim(next.minusSeconds(1), 10)).isEmpty();
    assertThat(claim(next, 10))
        .containsExactly(new FollowUp(order, FollowUpAction.CANCEL_PAYMENT, 1));
    stores.followUps().done(order, FollowUpAction.CANCEL_PAYMENT, next);
    assertThat(claim(next.plus(Duration.ofDays(1)), 10)).isEmpty();
    assertThat(told(order))
        .containsExactly(
            "follow_up_requested CANCEL_PAYMENT",
            "follow_up_failed CANCEL_PAYMENT failed, next attempt at "
                + next
                + ": payment unreachable",
            "follow_up_done CANCEL_PAYMENT");
  }

  @Test
  void doneTwiceOrForAFollowUpNeverOwedTellsTheHistoryNothingMore() {
    var order = existingOrder();
    schedule(order, FollowUpAction.CANCEL_PAYMENT, t0);
    stores.followUps().done(order, FollowUpAction.CANCEL_PAYMENT, t0);
    stores.followUps().done(order, FollowUpAction.CANCEL_PAYMENT, t0.plusSeconds(1));
    stores.followUps().done(order, FollowUpAction.REFUND_PAYMENT, t0);

    assertThat(told(order))
        .containsExactly("follow_up_requested CANCEL_PAYMENT", "follow_up_done CANCEL_PAYMENT");
  }
}
