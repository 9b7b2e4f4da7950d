package orderpay.domain.catalog;

import java.util.UUID;
import orderpay.domain.shared.UuidIds;

public record ProductId(UUID value) {
  public ProductId {
    UuidIds.require(value, "product_id");
  }

  public static ProductId parse(String text) {
    return new ProductId(UuidIds.parse(text, "product_id"));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
