package orderpay.domain.order;

import orderpay.domain.catalog.ProductId;
import orderpay.domain.money.Money;
import orderpay.domain.shared.DomainException;

/** A priced line: the price is the catalog's at the time of ordering, not the client's. */
public record OrderLine(ProductId productId, String name, long quantity, Money unitPrice) {
  public static final long MAX_QUANTITY = 10_000;

  public OrderLine {
    if (quantity <= 0 || quantity > MAX_QUANTITY) {
      throw DomainException.invalidField(
          "quantity", "quantity must be between 1 and " + MAX_QUANTITY);
    }
    if (unitPrice == null || !unitPrice.isPositive()) {
      throw DomainException.invalidField("price", "unit price must be positive");
    }
  }

  public Money lineTotal() {
    return unitPrice.times(quantity);
  }
}
