package orderpay.adapters.rest;

import java.util.LinkedHashMap;
import java.util.Map;
import orderpay.adapters.grpc.ProtoTime;
import orderpay.contracts.common.v1.Money;
import orderpay.contracts.inventory.v1.StockLevel;
import orderpay.contracts.product.v1.Product;

/** The API.md shapes of the shared resources (snake_case, money as {amount, currency}). */
final class ApiJson {
  private ApiJson() {}

  static Map<String, Object> money(Money money) {
    var json = new LinkedHashMap<String, Object>();
    json.put("amount", money.getAmountMinor());
    json.put("currency", money.getCurrency());
    return json;
  }

  /** Reads {"amount": integer minor units, "currency": "EUR"}; the service validates the values. */
  static Money money(JsonBody body, String field) {
    var object =
        body.optionalObject(field)
            .orElseThrow(() -> ApiError.invalidField(field, field + " is required"));
    return Money.newBuilder()
        .setAmountMinor(object.requiredLong("amount"))
        .setCurrency(object.requiredString("currency"))
        .build();
  }

  static Map<String, Object> product(Product product) {
    var json = new LinkedHashMap<String, Object>();
    json.put("id", product.getId());
    json.put("name", product.getName());
    json.put("description", product.getDescription());
    json.put("price", money(product.getPrice()));
    json.put("created_at", ProtoTime.toInstant(product.getCreatedAt()).toString());
    json.put("updated_at", ProtoTime.toInstant(product.getUpdatedAt()).toString());
    return json;
  }

  static Map<String, Object> stock(StockLevel level) {
    var json = new LinkedHashMap<String, Object>();
    json.put("product_id", level.getProductId());
    json.put("on_hand", level.getOnHand());
    json.put("reserved", level.getReserved());
    json.put("available", level.getAvailable());
    return json;
  }
}
