package orderpay.domain.order;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import orderpay.domain.catalog.ProductCatalog;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.order.PlaceOrder.Item;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;

/**
 * Prices an order's items at the product service's current prices, in one call; refuses unknown
 * products, quantities out of range and products sold in another currency.
 */
record OrderPricing(ProductCatalog catalog) {

  List<OrderLine> price(List<Item> items, Currency currency) {
    // refused before the product service is asked
    NewOrderRules.checkLineCount(items == null ? 0 : items.size());
    var ids = new ArrayList<ProductId>();
    for (Item item : items) {
      NewOrderRules.checkQuantity(item.quantity());
      ids.add(ProductId.parse(item.productId()));
    }
    var priced = catalog.priceAll(ids);
    var lines = new ArrayList<OrderLine>();
    for (int i = 0; i < items.size(); i++) {
      var product = priced.get(ids.get(i));
      if (product == null) {
        throw new DomainException(
            ErrorKind.INVALID_ARGUMENT,
            "invalid_request",
            "unknown product " + ids.get(i),
            Map.of("field", "items", "product_id", ids.get(i).toString()));
      }
      if (!product.price().currency().equals(currency)) {
        throw DomainException.invalidField(
            "currency",
            "product " + product.id() + " is sold in " + product.price().currencyCode());
      }
      lines.add(
          new OrderLine(product.id(), product.name(), items.get(i).quantity(), product.price()));
    }
    return lines;
  }
}
