package orderpay.apps.sandbox.chaos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import orderpay.apps.sandbox.chaos.Finding.Violation;

/**
 * I3, I6 and I7: the orders against what their clients were told (the request log) and against what
 * points at them elsewhere (holds at inventory, intents at Stripe).
 */
final class OrderChecks {
  private OrderChecks() {}

  /** I3: nothing PENDING once settled, and no hold outlives its order. */
  static List<Violation> everyOrderTerminal(Snapshot s) {
    var violations = new ArrayList<Violation>();
    s.orders().values().stream()
        .filter(o -> !o.terminal())
        .map(o -> new Violation(o.id(), "still PENDING"))
        .forEach(violations::add);
    s.reservations().values().stream()
        .filter(r -> r.status().equals("RESERVED") && s.isTerminal(r.orderId()))
        .map(
            r ->
                new Violation(
                    r.orderId(),
                    "stock still RESERVED for a "
                        + s.orders().get(r.orderId()).status()
                        + " order"))
        .forEach(violations::add);
    return violations;
  }

  /** I6: each order id the driver was given with a 2xx exists, for the user who placed it. */
  static List<Violation> acceptedOrdersExist(Snapshot s) {
    var violations = new ArrayList<Violation>();
    for (var exchange : s.requests().exchanges()) {
      if (exchange.kind() != RequestLog.Kind.CREATE_ORDER || !exchange.accepted()) {
        continue;
      }
      var order = exchange.orderId() == null ? null : s.orders().get(exchange.orderId());
      if (order == null) {
        violations.add(
            new Violation(
                String.valueOf(exchange.orderId()),
                "answered " + exchange.status() + " (request " + exchange.seq() + "), not stored"));
      } else if (exchange.userId() != null && !exchange.userId().equals(order.userId())) {
        violations.add(new Violation(order.id(), "stored for another user"));
      }
    }
    return violations;
  }

  /**
   * I7: a 4xx create left no order under its Idempotency-Key (unless another request with that key
   * was accepted); and nothing anywhere points at an order that does not exist: no intent at
   * Stripe, no reservation.
   */
  static List<Violation> rejectedRequestsChangedNothing(Snapshot s) {
    var violations = new ArrayList<Violation>();
    var acceptedKeys = new HashSet<String>();
    for (var exchange : s.requests().exchanges()) {
      if (exchange.kind() == RequestLog.Kind.CREATE_ORDER
          && !exchange.rejected()
          && exchange.idempotencyKey() != null) {
        // accepted or unknown: an order under this key may rightly exist
        acceptedKeys.add(exchange.userId() + "/" + exchange.idempotencyKey());
      }
    }
    var storedKeys = new HashMap<String, String>();
    s.orders()
        .values()
        .forEach(
            o -> {
              if (o.idempotencyKey() != null) {
                storedKeys.put(o.userId() + "/" + o.idempotencyKey(), o.id());
              }
            });
    for (var exchange : s.requests().exchanges()) {
      if (exchange.kind() != RequestLog.Kind.CREATE_ORDER
          || !exchange.rejected()
          || exchange.idempotencyKey() == null) {
        continue;
      }
      String key = exchange.userId() + "/" + exchange.idempotencyKey();
      String stored = storedKeys.get(key);
      if (stored != null && !acceptedKeys.contains(key)) {
        var order = s.orders().get(stored);
        violations.add(
            new Violation(
                exchange.idempotencyKey(),
                "answered %d %s, yet order %s (%s) exists"
                    .formatted(exchange.status(), exchange.errorCode(), stored, order.status())));
      }
    }
    for (var intent : s.ledger().intents()) {
      if (!s.orders().containsKey(intent.orderId())) {
        violations.add(
            new Violation(
                intent.id(),
                "intent (" + intent.status() + ") for unknown order '" + intent.orderId() + "'"));
      }
    }
    for (var reservation : s.reservations().values()) {
      if (!s.orders().containsKey(reservation.orderId())) {
        violations.add(
            new Violation(
                reservation.orderId(), reservation.status() + " reservation for no order"));
      }
    }
    return violations;
  }
}
