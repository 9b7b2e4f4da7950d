package orderpay.apps.sandbox.chaos;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import orderpay.apps.sandbox.chaos.Finding.Violation;

/** I2 and I5 from Stripe's ledger against the orders, their reservations and their lines. */
final class MoneyChecks {
  private MoneyChecks() {}

  /** I2: succeeded charges per order id at Stripe, refunded or not. */
  static List<Violation> oneChargePerOrder(Snapshot s) {
    var violations = new ArrayList<Violation>();
    var charges =
        s.ledger().charges().stream()
            .filter(StripeLedger.Charge::succeeded)
            .collect(groupingBy(StripeLedger.Charge::orderId, TreeMap::new, counting()));
    charges.forEach(
        (order, count) -> {
          if (order.isEmpty()) {
            violations.add(new Violation("(none)", count + " charges without an order_id"));
          } else if (count > 1) {
            violations.add(new Violation(order, count + " successful charges"));
          }
        });
    return violations;
  }

  /**
   * I5: per order, captured minus refunded at Stripe equals the total if PAID and 0 otherwise (also
   * for money whose order does not exist); a PAID order's units are committed and no other order's
   * are; per product, committed units equal PAID quantities.
   */
  static List<Violation> moneyAndStockConserved(Snapshot s) {
    var violations = new ArrayList<Violation>();
    var net = new TreeMap<String, Long>();
    var currencies = new HashMap<String, Set<String>>();
    for (var charge : s.ledger().charges()) {
      if (charge.succeeded()) {
        net.merge(charge.orderId(), charge.amountCaptured(), Long::sum);
        currencies.computeIfAbsent(charge.orderId(), o -> new HashSet<>()).add(charge.currency());
      }
    }
    for (var refund : s.ledger().refunds()) {
      if (refund.issued()) {
        net.merge(refund.orderId(), -refund.amount(), Long::sum);
      }
    }
    var orderIds = new TreeSet<>(net.keySet());
    orderIds.addAll(s.orders().keySet());
    for (String id : orderIds) {
      var order = s.orders().get(id);
      long kept = net.getOrDefault(id, 0L);
      if (order == null) {
        if (kept != 0) {
          violations.add(
              new Violation(id.isEmpty() ? "(none)" : id, kept + " kept, no such order"));
        }
        continue;
      }
      if (!order.terminal()) {
        continue; // I3's business
      }
      long expected = order.status().equals("PAID") ? order.totalMinor() : 0;
      if (kept != expected) {
        violations.add(
            new Violation(
                id,
                "%s order of %d: %d kept at Stripe"
                    .formatted(order.status(), order.totalMinor(), kept)));
      } else if (expected > 0
          && !currencies
              .getOrDefault(id, Set.of())
              .equals(Set.of(order.currency().toLowerCase(Locale.ROOT)))) {
        violations.add(
            new Violation(
                id, "charged in " + currencies.get(id) + ", order in " + order.currency()));
      }
      var reservation = s.reservations().get(id);
      String held = reservation == null ? "none" : reservation.status();
      if (order.status().equals("PAID") && !held.equals("COMMITTED")) {
        violations.add(new Violation(id, "PAID but its reservation is " + held));
      } else if (!order.status().equals("PAID") && held.equals("COMMITTED")) {
        violations.add(new Violation(id, order.status() + " but its units are COMMITTED"));
      }
    }
    var committed = s.reservedUnits("COMMITTED");
    var paid = s.orderedUnits("PAID");
    var products = new TreeSet<>(committed.keySet());
    products.addAll(paid.keySet());
    for (String product : products) {
      long out = committed.getOrDefault(product, 0L);
      long sold = paid.getOrDefault(product, 0L);
      if (out != sold) {
        violations.add(
            new Violation(product, "committed %d units, PAID orders hold %d".formatted(out, sold)));
      }
    }
    return violations;
  }
}
