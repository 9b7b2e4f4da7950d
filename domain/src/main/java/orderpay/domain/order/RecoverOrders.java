package orderpay.domain.order;

import java.time.Clock;
import java.time.Duration;
import orderpay.domain.shared.DomainException;

/** Finishes sagas a crash interrupted: orders left short of ACCEPTED longer than a grace period. */
public final class RecoverOrders {
  private final OrderRepository orders;
  private final PlaceOrder placeOrder;
  private final Clock clock;

  public RecoverOrders(OrderRepository orders, PlaceOrder placeOrder, Clock clock) {
    this.orders = orders;
    this.placeOrder = placeOrder;
    this.clock = clock;
  }

  /** Resumes each stuck order once; returns how many were found. */
  public int resumeStuck(Duration grace, int limit) {
    var stuck = orders.findStuck(clock.instant().minus(grace), limit);
    for (Order order : stuck) {
      try {
        placeOrder.resume(order.id());
      } catch (DomainException refused) {
        // resume already recorded the outcome (e.g. insufficient stock -> FAILED)
      }
    }
    return stuck.size();
  }
}
