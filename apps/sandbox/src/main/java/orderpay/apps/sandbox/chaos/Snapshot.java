package orderpay.apps.sandbox.chaos;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.summingLong;
import static java.util.stream.Collectors.toSet;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/** Everything one audit reads: the services' rows, Stripe's ledger, the mailbox, the requests. */
record Snapshot(
    Map<String, Order> orders,
    List<Line> orderLines,
    Map<String, Reservation> reservations,
    List<Line> reservationLines,
    Map<String, Stock> stock,
    List<Notification> notifications,
    Map<String, String> paymentStatusByOrder,
    StripeLedger ledger,
    List<Mailbox.Mail> mails,
    RequestLog requests) {

  record Order(
      String id,
      String userId,
      String idempotencyKey,
      String status,
      long totalMinor,
      String currency,
      String providerPaymentId,
      String failureReason) {
    boolean terminal() {
      return !status.equals("PENDING");
    }

    /**
     * The emails its outcome owes the customer (RecordNotification.recordOutcome): a paid order was
     * announced and paid; an order refused for lack of stock was told so on the spot.
     */
    Set<String> emailsOwed() {
      return switch (status) {
        case "PAID" -> Set.of("order_confirmation", "payment_succeeded");
        case "REFUNDED" -> Set.of("order_confirmation", "payment_succeeded", "order_refunded");
        case "CANCELLED" -> Set.of("order_cancelled");
        case "FAILED" ->
            "insufficient_stock".equals(failureReason) ? Set.of() : Set.of("payment_failed");
        default -> Set.of();
      };
    }
  }

  /** An order's line, or the same line held at inventory. */
  record Line(String orderId, String productId, long quantity) {}

  record Reservation(String orderId, String status) {}

  record Stock(String productId, long onHand, long reserved) {}

  record Notification(String id, String orderId, String template, String status) {
    /** The Message-ID the mailer gives this notification's email (ADR 6). */
    String messageId() {
      return "<" + id + "@orderpay>";
    }
  }

  /**
   * Nothing left in flight: no PENDING order, no hold for a finished order, no mail queued, every
   * mail sent already in the mailbox (a catcher in another process writes files late), and no
   * payment whose news its order has not heard yet (a killed consumer's partitions move only after
   * its session timeout, so a refund can reach the order seconds after the payment).
   */
  boolean settled() {
    var received = mails.stream().map(Mailbox.Mail::messageId).collect(toSet());
    return orders.values().stream().allMatch(Order::terminal)
        && reservations.values().stream()
            .noneMatch(r -> r.status().equals("RESERVED") && isTerminal(r.orderId()))
        && notifications.stream().noneMatch(n -> n.status().equals("PENDING"))
        && notifications.stream()
            .filter(n -> n.status().equals("SENT"))
            .allMatch(n -> received.contains(n.messageId()))
        && paymentStatusByOrder.entrySet().stream()
            .noneMatch(p -> awaitsItsOrder(p.getValue(), orders.get(p.getKey())))
        && EmailChecks.emailsNotRecorded(this).isEmpty();
  }

  /** Money moved at the payment service, and its order does not show it yet. */
  private static boolean awaitsItsOrder(String paymentStatus, Order order) {
    if (order == null) {
      return false; // I7's business
    }
    return switch (paymentStatus) {
      case "SUCCEEDED" -> !order.status().equals("PAID"); // paid, or a refund is on its way
      case "REFUNDED" -> order.status().equals("PAID");
      default -> false;
    };
  }

  boolean isTerminal(String orderId) {
    var order = orders.get(orderId);
    return order != null && order.terminal();
  }

  /** Per product, the units of the reservations in {@code status} (COMMITTED, RESERVED). */
  Map<String, Long> reservedUnits(String status) {
    return unitsByProduct(
        reservationLines,
        idsIn(reservations.values(), Reservation::status, Reservation::orderId, status));
  }

  /** Per product, the units of the orders in {@code status} (PAID). */
  Map<String, Long> orderedUnits(String status) {
    return unitsByProduct(orderLines, idsIn(orders.values(), Order::status, Order::id, status));
  }

  private static <T> Set<String> idsIn(
      Collection<T> rows, Function<T, String> status, Function<T, String> id, String wanted) {
    return rows.stream().filter(r -> status.apply(r).equals(wanted)).map(id).collect(toSet());
  }

  private static Map<String, Long> unitsByProduct(List<Line> lines, Set<String> orderIds) {
    return lines.stream()
        .filter(l -> orderIds.contains(l.orderId()))
        .collect(groupingBy(Line::productId, TreeMap::new, summingLong(Line::quantity)));
  }
}
