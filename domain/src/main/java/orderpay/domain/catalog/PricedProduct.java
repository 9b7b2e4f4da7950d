package orderpay.domain.catalog;

import orderpay.domain.money.Money;

/** What the order saga needs to know of a product. */
public record PricedProduct(ProductId id, String name, Money price) {}
