package orderpay.domain.order;

import java.util.Map;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;

/**
 * What one customer may hold open at once, so no account can keep the shelves empty with unpaid
 * orders: at most {@code maxOpenOrders} PENDING orders and {@code maxOpenUnits} units in them.
 */
public record OrderLimits(int maxOpenOrders, long maxOpenUnits) {
  /** What a customer holds now: PENDING orders and the units in them. */
  public record OpenOrders(int orders, long units) {}

  public OrderLimits {
    if (maxOpenOrders < 1 || maxOpenUnits < 1) {
      throw new IllegalArgumentException("order limits must be positive");
    }
  }

  public void check(OpenOrders open, Order next) {
    long units = next.lines().stream().mapToLong(OrderLine::quantity).sum();
    if (open.orders() + 1 > maxOpenOrders || open.units() + units > maxOpenUnits) {
      throw new DomainException(
          ErrorKind.CONFLICT,
          "too_many_open_orders",
          "at most "
              + maxOpenOrders
              + " unpaid orders holding "
              + maxOpenUnits
              + " units in all; pay or cancel one first",
          Map.of(
              "open_orders", Integer.toString(open.orders()),
              "open_units", Long.toString(open.units()),
              "max_open_orders", Integer.toString(maxOpenOrders),
              "max_open_units", Long.toString(maxOpenUnits)));
    }
  }
}
