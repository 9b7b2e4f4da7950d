package orderpay.domain.order;

import java.time.Clock;
import orderpay.domain.shared.Backoff;
import orderpay.domain.shared.OrderId;

/**
 * What the order sweeps do with an order they could not move now: log it and look at it again
 * later, waiting longer after each failure, so it never holds up the rest of a batch.
 */
record SweepRetries(OrderRepository orders, Clock clock, Backoff backoff) {
  private static final System.Logger log = System.getLogger(SweepRetries.class.getName());

  /** E.g. {@code doing} "expiring", {@code step} "expiry": the log line and the stored reason. */
  void later(OrderId orderId, String doing, String step, RuntimeException failure) {
    log.log(
        System.Logger.Level.WARNING,
        "{0} order {1} failed ({2}); retried later",
        doing,
        orderId,
        failure.toString());
    orders.deferSweep(
        orderId,
        step + " failed: " + failure,
        attempts -> clock.instant().plus(backoff.after(attempts)));
  }
}
