package orderpay.domain.order;

import java.time.Clock;
import java.time.Duration;
import orderpay.domain.shared.Backoff;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;

/** Finishes sagas a crash interrupted: orders left short of ACCEPTED longer than a grace period. */
public final class RecoverOrders {
  private static final System.Logger log = System.getLogger(RecoverOrders.class.getName());

  private final OrderRepository orders;
  private final PlaceOrder placeOrder;
  private final Clock clock;
  private final Backoff backoff;

  public RecoverOrders(
      OrderRepository orders, PlaceOrder placeOrder, Clock clock, Backoff backoff) {
    this.orders = orders;
    this.placeOrder = placeOrder;
    this.clock = clock;
    this.backoff = backoff;
  }

  /**
   * Resumes each stuck order once; returns how many were found. An order that cannot be resumed now
   * is retried later with backoff, without holding up the others.
   */
  public int resumeStuck(Duration grace, int limit) {
    var now = clock.instant();
    var stuck = orders.findStuck(now.minus(grace), now, limit);
    for (Order order : stuck) {
      try {
        placeOrder.resume(order.id());
      } catch (DomainException refused) {
        if (refused.kind() == ErrorKind.UNAVAILABLE) {
          deferred(order, refused);
        }
        // other refusals: resume already recorded the outcome (e.g. insufficient stock -> FAILED)
      } catch (RuntimeException failure) {
        deferred(order, failure);
      }
    }
    return stuck.size();
  }

  private void deferred(Order order, RuntimeException failure) {
    log.log(
        System.Logger.Level.WARNING,
        "resuming order {0} failed ({1}); retried later",
        order.id(),
        failure.toString());
    orders.deferSweep(order.id(), attempts -> clock.instant().plus(backoff.after(attempts)));
  }
}
