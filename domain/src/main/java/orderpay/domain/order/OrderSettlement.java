package orderpay.domain.order;

import java.time.Clock;
import java.util.List;

/**
 * What its payment's news does to an order, and which calls to the payment service that owes. The
 * rules of {@link Order#settle}, {@link Order#paymentStarted}, {@link Order#stockUnavailable},
 * {@link Order#abandon} and {@link Order#cancelUnpaid}, kept beside the aggregate (which stays
 * their one entry point) so that {@code Order} stays a readable size. Each rule moves the order
 * only through its transitions and returns what it owes; the use case records those as follow-ups
 * in the same transaction, run after commit (no remote call under the order's row lock).
 */
final class OrderSettlement {
  private static final List<FollowUpAction> NOTHING_OWED = List.of();

  private OrderSettlement() {}

  /** What the payment's latest status does: paid, failed, refunded, or money given back. */
  static List<FollowUpAction> settle(Order order, PaymentUpdate payment, Clock clock) {
    if (order.status() == OrderStatus.PENDING && order.step() == SagaStep.RESERVED) {
      // the payment's event overtook initiate's answer: the payment exists, so the order
      // is accepted (and announced) here, before its outcome
      order.accept(payment.view(), clock);
    }
    order.showPayment(payment.view(), clock);
    return switch (payment.status()) {
      case SUCCEEDED ->
          switch (order.status()) {
            case PENDING -> {
              order.markPaid(clock);
              yield NOTHING_OWED;
            }
            case PAID, REFUNDED -> NOTHING_OWED; // ours already, or given back already
            case FAILED, CANCELLED -> List.of(FollowUpAction.REFUND_PAYMENT); // the order is over
          };
      case FAILED -> {
        if (order.status() == OrderStatus.PENDING) {
          order.markFailed(reasonOr(payment, "payment_failed"), clock);
        }
        yield List.of(FollowUpAction.CANCEL_PAYMENT); // a declined intent cannot be paid later
      }
      // our own cancels (customer cancel, expiry) settle the order themselves; reacting here
      // raced them (a cancel answered 409 because the order had just become FAILED). An intent
      // cancelled elsewhere leaves the order to expire at its deadline.
      case CANCELLED -> NOTHING_OWED;
      case REFUNDED -> {
        if (order.status() == OrderStatus.PAID) {
          order.refund(clock);
        }
        yield NOTHING_OWED;
      }
      case PENDING, REQUIRES_ACTION -> NOTHING_OWED;
    };
  }

  /** Initiate answered: accepted, and settled at once if the payment is final already. */
  static List<FollowUpAction> paymentStarted(Order order, PaymentUpdate started, Clock clock) {
    boolean wasPending = order.status() == OrderStatus.PENDING;
    order.accept(started.view(), clock);
    if (order.status() == OrderStatus.CANCELLED || order.status() == OrderStatus.FAILED) {
      // ended while the payment was being started: the intent must not stay payable (an order
      // its payment's event already paid keeps its payment, of course)
      return List.of(FollowUpAction.CANCEL_PAYMENT);
    }
    if (wasPending && started.status().isFinal()) {
      return settle(order, started, clock); // confirmed server-side at once: one transaction
    }
    return NOTHING_OWED;
  }

  /** Its units could not be committed (sold meanwhile): a PAID order is owed a refund. */
  static List<FollowUpAction> stockUnavailable(Order order) {
    // the order changes when the refund is done (RunFollowUps), not before
    return order.status() == OrderStatus.PAID ? List.of(FollowUpAction.REFUND_ORDER) : NOTHING_OWED;
  }

  /** The saga gives up on a PENDING order: FAILED, and any intent it may have cancelled. */
  static List<FollowUpAction> abandon(Order order, String reason, Clock clock) {
    if (order.status() != OrderStatus.PENDING) {
      return NOTHING_OWED;
    }
    order.markFailed(reason, clock);
    // a create whose answer was lost may have made an intent: it must never be paid
    return List.of(FollowUpAction.CANCEL_PAYMENT);
  }

  /** Its customer cancels it before paying: CANCELLED, and any intent being made cancelled. */
  static List<FollowUpAction> cancelUnpaid(Order order, Clock clock) {
    order.cancel(clock);
    // no payment yet, but one may be starting right now (a saga step in flight)
    return List.of(FollowUpAction.CANCEL_PAYMENT);
  }

  private static String reasonOr(PaymentUpdate payment, String fallback) {
    return payment.failureReason() == null || payment.failureReason().isBlank()
        ? fallback
        : payment.failureReason();
  }
}
