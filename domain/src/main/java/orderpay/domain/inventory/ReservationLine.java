package orderpay.domain.inventory;

import orderpay.domain.catalog.ProductId;
import orderpay.domain.shared.DomainException;

public record ReservationLine(ProductId productId, long quantity) {
  public ReservationLine {
    if (quantity <= 0) {
      throw DomainException.invalidField("quantity", "quantity must be positive");
    }
  }
}
