package orderpay.domain.order;

import java.util.HashSet;
import java.util.List;
import orderpay.domain.money.Money;
import orderpay.domain.shared.DomainException;

/**
 * What a new order must be before it is recorded; each check refuses with the field at fault. The
 * size limits are stated once, {@link Order#MAX_LINES} and {@link OrderLine#MAX_QUANTITY}, and
 * checked here only (the gateway refuses an oversized body early with the same constant).
 */
final class NewOrderRules {
  private NewOrderRules() {}

  /** Checks a new order's fields, each refused with its name; returns the address as stored. */
  static String check(
      List<OrderLine> lines, String shippingAddress, String paymentMethod, String idempotencyKey) {
    checkLines(lines);
    String address = address(shippingAddress);
    checkPaymentMethod(paymentMethod);
    checkIdempotencyKey(idempotencyKey);
    return address;
  }

  private static void checkLines(List<OrderLine> lines) {
    checkLineCount(lines == null ? 0 : lines.size());
    var seen = new HashSet<>();
    for (OrderLine line : lines) {
      if (!seen.add(line.productId())) {
        throw DomainException.invalidField("items", "each product may appear once per order");
      }
    }
  }

  /** The order's total; lines in mixed currencies are refused here, before anything is stored. */
  static Money total(List<OrderLine> lines) {
    Money sum = null;
    for (OrderLine line : lines) {
      sum = sum == null ? line.lineTotal() : sum.plus(line.lineTotal());
    }
    return sum;
  }

  /**
   * 1 to {@link Order#MAX_LINES} lines: checked on the request's items before they are priced, and
   * again on the priced lines an order is made of.
   */
  static void checkLineCount(int lines) {
    if (lines < 1) {
      throw DomainException.invalidField("items", "an order needs at least one item");
    }
    if (lines > Order.MAX_LINES) {
      throw DomainException.invalidField(
          "items", "an order has at most " + Order.MAX_LINES + " items");
    }
  }

  /**
   * 1 to {@link OrderLine#MAX_QUANTITY} units per line: checked on each requested item before it is
   * priced, and by every {@link OrderLine}.
   */
  static void checkQuantity(long quantity) {
    if (quantity <= 0 || quantity > OrderLine.MAX_QUANTITY) {
      throw DomainException.invalidField(
          "quantity", "quantity must be between 1 and " + OrderLine.MAX_QUANTITY);
    }
  }

  /** The address as stored: stripped, required, bounded. */
  private static String address(String shippingAddress) {
    String address = shippingAddress == null ? "" : shippingAddress.strip();
    if (address.isEmpty() || address.length() > Order.MAX_ADDRESS_LENGTH) {
      throw DomainException.invalidField(
          "shipping_address",
          "shipping_address is required (at most " + Order.MAX_ADDRESS_LENGTH + " characters)");
    }
    return address;
  }

  private static void checkPaymentMethod(String paymentMethod) {
    if (paymentMethod != null && !paymentMethod.matches("[A-Za-z0-9_]{1,255}")) {
      throw DomainException.invalidField(
          "payment_method", "payment_method is not a payment method id");
    }
  }

  private static void checkIdempotencyKey(String idempotencyKey) {
    if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 255)) {
      throw DomainException.invalidField(
          "Idempotency-Key", "Idempotency-Key must have 1 to 255 characters");
    }
  }
}
