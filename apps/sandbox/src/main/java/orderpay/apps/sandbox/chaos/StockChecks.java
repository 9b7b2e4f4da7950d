package orderpay.apps.sandbox.chaos;

import java.util.ArrayList;
import java.util.List;
import orderpay.apps.sandbox.chaos.Finding.Violation;

/** I1 from inventory's counters and holds, the orders' lines and what the load supplied. */
final class StockChecks {
  private StockChecks() {}

  /** I1: counters sane, holds add up, and nothing committed or paid beyond what was supplied. */
  static List<Violation> stockNeverOversold(Snapshot s) {
    var violations = new ArrayList<Violation>();
    var committed = s.reservedUnits("COMMITTED");
    var held = s.reservedUnits("RESERVED");
    var paid = s.orderedUnits("PAID");
    var supplied = s.requests().supplied();
    for (var stock : s.stock().values()) {
      String product = stock.productId();
      if (stock.onHand() < 0 || stock.reserved() < 0 || stock.onHand() < stock.reserved()) {
        violations.add(
            new Violation(
                product, "on_hand=%d reserved=%d".formatted(stock.onHand(), stock.reserved())));
      }
      long holds = held.getOrDefault(product, 0L);
      if (stock.reserved() != holds) {
        violations.add(
            new Violation(
                product,
                "reserved=%d but open holds add up to %d".formatted(stock.reserved(), holds)));
      }
      Long units = supplied.get(product);
      if (units == null) {
        continue; // not stocked by the driver: only the counters can be checked
      }
      long out = committed.getOrDefault(product, 0L);
      if (out > units) {
        violations.add(new Violation(product, "committed %d of %d supplied".formatted(out, units)));
      }
      if (stock.onHand() + out != units) {
        violations.add(
            new Violation(
                product,
                "on_hand=%d + committed=%d != supplied=%d".formatted(stock.onHand(), out, units)));
      }
      long sold = paid.getOrDefault(product, 0L);
      if (sold > units) {
        violations.add(
            new Violation(product, "PAID orders hold %d of %d supplied".formatted(sold, units)));
      }
    }
    return violations;
  }
}
