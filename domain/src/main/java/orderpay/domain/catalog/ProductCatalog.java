package orderpay.domain.catalog;

import java.util.Collection;
import java.util.Map;

/** Outbound port of the order service: prices many products in one call. */
public interface ProductCatalog {
  /** Returns the live (not deleted) products among the ids; absent ids are missing from the map. */
  Map<ProductId, PricedProduct> priceAll(Collection<ProductId> ids);
}
