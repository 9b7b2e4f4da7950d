package orderpay.apps.stripe;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** Stripe's request parameters: a form body, and the values in it Stripe checks or groups. */
final class FormParams {
  private FormParams() {}

  /** application/x-www-form-urlencoded, keys like {@code metadata[order_id]} kept as they are. */
  static Map<String, String> parse(String body) {
    var params = new TreeMap<String, String>();
    if (body == null || body.isBlank()) {
      return params;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.put(name, value);
    }
    return params;
  }

  /** An amount in the currency's smallest unit: a positive integer, or a 400. */
  static long amount(String raw) {
    try {
      long amount = Long.parseLong(raw);
      if (amount < 1) {
        throw new NumberFormatException();
      }
      return amount;
    } catch (NumberFormatException | NullPointerException e) {
      throw StripeError.invalidRequest(
          "parameter_invalid_integer", "Invalid positive integer: amount");
    }
  }

  /** {@code metadata[key]=value} form parameters as Stripe's metadata object. */
  static ObjectNode metadata(Map<String, String> params) {
    var metadata = JsonNodeFactory.instance.objectNode();
    params.forEach(
        (name, value) -> {
          if (name.startsWith("metadata[") && name.endsWith("]")) {
            metadata.put(name.substring(9, name.length() - 1), value);
          }
        });
    return metadata;
  }
}
