package orderpay.domain.order;

import java.time.Clock;
import java.time.Duration;
import orderpay.domain.shared.Backoff;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.Reader;

/**
 * Finishes sagas a crash interrupted: orders left short of ACCEPTED longer than a grace period, by
 * the sweep; and at once, one order an admin names ({@link #retryNow}).
 */
public record RecoverOrders(
    OrderRepository orders,
    OrderQueries queries,
    PlaceOrder placeOrder,
    ExpireUnpaidOrders expiry,
    PaymentWindow window,
    OrderHistory history,
    Clock clock,
    Backoff backoff) {
  /**
   * Resumes each stuck order once; returns how many were found. An order that cannot be resumed now
   * is retried later with backoff, without holding up the others.
   */
  public int resumeStuck(Duration grace, int limit) {
    var now = clock.instant();
    var stuck = orders.findStuck(now.minus(grace), now, limit);
    var retries = new SweepRetries(orders, clock, backoff);
    for (Order order : stuck) {
      attempted(order.id(), "the sweep resumes the saga from " + order.step());
      try {
        placeOrder.resume(order.id());
      } catch (DomainException refused) {
        if (refused.kind() == ErrorKind.UNAVAILABLE) {
          retries.later(order.id(), "resuming", "recovery", refused);
        }
        // other refusals: resume already recorded the outcome (e.g. insufficient stock -> FAILED)
      } catch (RuntimeException failure) {
        retries.later(order.id(), "resuming", "recovery", failure);
      }
    }
    return stuck.size();
  }

  /**
   * An admin runs now, on a PENDING order, what the sweeps would run on it later: a saga short of
   * ACCEPTED is resumed (its grace period skipped); an accepted one whose payment window is over is
   * expired. An accepted order still inside its window awaits its payment: there is nothing to run,
   * and it is returned as it is. A failure is the admin's answer; the sweeps keep their own
   * schedule.
   */
  public Order retryNow(OrderId orderId, Reader reader) {
    OrderQueries.requireAdmin(reader);
    var order = queries.get(orderId, reader);
    if (order.status() != OrderStatus.PENDING) {
      throw DomainException.invalidState(
          "order " + orderId + " is " + order.status() + ", only a PENDING order can be retried");
    }
    String admin = "admin " + reader.customer().map(Object::toString).orElse("");
    if (order.step() != SagaStep.ACCEPTED) {
      attempted(orderId, admin + " resumes the saga from " + order.step());
      return placeOrder.resume(orderId);
    }
    var deadline = window.deadlineFor(order.createdAt());
    if (window.isOver(order, clock.instant())) {
      attempted(orderId, admin + " expires the order, its payment window ended at " + deadline);
      return expiry.expire(orderId);
    }
    attempted(orderId, admin + " found nothing to run: its payment is awaited until " + deadline);
    return order;
  }

  private void attempted(OrderId orderId, String what) {
    history.record(orderId, new HistoryEntry(HistoryKind.RECOVERY_ATTEMPTED, what));
  }
}
