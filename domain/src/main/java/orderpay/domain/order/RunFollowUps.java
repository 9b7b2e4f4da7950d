package orderpay.domain.order;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import orderpay.domain.payment.PaymentStatus;
import orderpay.domain.shared.Backoff;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;
import orderpay.domain.shared.EventPublisher;
import orderpay.domain.shared.OrderId;
import orderpay.domain.shared.Transactions;

/**
 * Carries out the follow-ups order transitions recorded, after their commit and outside any row
 * lock. Each is idempotent per order (the payment service keys every Stripe call by order), each
 * failure is retried with backoff on its own, and one failing order never holds up the others.
 */
public record RunFollowUps(
    FollowUpQueue queue,
    Payments payments,
    SettleOrder settle,
    OrderChanges changes,
    Clock clock,
    Backoff backoff) {
  private static final System.Logger log = System.getLogger(RunFollowUps.class.getName());
  static final Duration LEASE = Duration.ofSeconds(30);

  public RunFollowUps(
      FollowUpQueue queue,
      Payments payments,
      SettleOrder settle,
      OrderRepository orders,
      Transactions transactions,
      EventPublisher events,
      Clock clock,
      Backoff backoff) {
    this(
        queue,
        payments,
        settle,
        new OrderChanges(orders, queue, transactions, events, clock),
        clock,
        backoff);
  }

  /** Runs up to {@code limit} due follow-ups; returns how many were claimed. */
  public int runDue(int limit) {
    var due = queue.claimDue(now(), LEASE, limit);
    for (FollowUp followUp : due) {
      try {
        execute(followUp);
        queue.done(followUp.orderId(), followUp.action(), now());
      } catch (RuntimeException failure) {
        var next = now().plus(backoff.after(followUp.attempts() + 1));
        log.log(
            Level.WARNING,
            "{0} for order {1} failed ({2}); next attempt at {3}",
            followUp.action(),
            followUp.orderId(),
            failure.toString(),
            next);
        queue.retryAt(followUp.orderId(), followUp.action(), next, String.valueOf(failure));
      }
    }
    return due.size();
  }

  private void execute(FollowUp followUp) {
    OrderId orderId = followUp.orderId();
    switch (followUp.action()) {
      case CANCEL_PAYMENT -> {
        PaymentUpdate payment;
        try {
          payment = payments.cancel(orderId);
        } catch (DomainException e) {
          if (e.kind() == ErrorKind.NOT_FOUND) {
            return; // no payment was ever started
          }
          throw e;
        }
        if (payment.status() == PaymentStatus.SUCCEEDED) {
          settle.apply(orderId, payment); // paid after all: the order decides
        }
      }
      case REFUND_PAYMENT -> {
        try {
          payments.refund(orderId);
        } catch (DomainException e) {
          if (e.kind() != ErrorKind.INVALID_STATE && e.kind() != ErrorKind.NOT_FOUND) {
            throw e;
          }
          // nothing captured to give back
        }
      }
      case REFUND_ORDER -> {
        var refunded = payments.refund(orderId);
        if (refunded.status() != PaymentStatus.REFUNDED) {
          throw new DomainException(
              ErrorKind.UNAVAILABLE, "unavailable", "refund of " + orderId + " not done yet");
        }
        changes.change(
            orderId,
            order -> {
              if (order.status() == OrderStatus.PAID) {
                order.refund("out_of_stock", clock);
              }
            });
      }
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
