package orderpay.domain.order;

import orderpay.domain.catalog.ProductId;
import orderpay.domain.money.Money;
import orderpay.domain.shared.DomainException;

/** A priced line: the price is the catalog's at the time of ordering, not the client's. */
public record OrderLine(ProductId productId, String name, long quantity, Money unitPrice) {
  /** Units of one product per order; the only place this limit is stated. */
  public static final long MAX_QUANTITY = 10_000;

  public OrderLine {
    NewOrderRules.checkQuantity(quantity);
    if (unitPrice == null || !unitPrice.isPositive()) {
      throw DomainException.invalidField("price", "unit price must be positive");
    }
  }

  public Money lineTotal() {
    return unitPrice.times(quantity);
  }
}
