package orderpay.domain.catalog;

import java.util.UUID;
import orderpay.domain.shared.DomainException;

public record ProductId(UUID value) {
  public ProductId {
    if (value == null) {
      throw DomainException.invalidField("product_id", "product id is required");
    }
  }

  public static ProductId parse(String text) {
    try {
      return new ProductId(UUID.fromString(text));
    } catch (IllegalArgumentException | NullPointerException malformed) {
      throw DomainException.invalidField("product_id", "malformed product id");
    }
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
