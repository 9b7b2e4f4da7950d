package orderpay.apps.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import java.util.function.Predicate;
import orderpay.domain.testing.Eventually;

/** Test vocabulary over a running system: people, products, orders, and waiting for them. */
final class Shop {
  final GatewayClient system;
  final String admin;

  Shop(GatewayClient system) {
    this.system = system;
    this.admin = login("admin@orderpay.test", "admin-password-e2e");
  }

  String login(String email, String password) {
    return system
        .post(
            "/api/v1/auth/token",
            "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, password))
        .body()
        .get("access_token")
        .asText();
  }

  /** A new customer; returns their access token. */
  String customer() {
    String email = "c" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    system.post(
        "/api/v1/users",
        "{\"email\":\"%s\",\"password\":\"customer-pass\",\"name\":\"C\"}".formatted(email));
    return login(email, "customer-pass");
  }

  /** A product with stock that inventory already knows; returns its id. */
  String product(long price, long stock) {
    var reply =
        system.send(
            "POST",
            "/api/v1/products",
            "application/json",
            "{\"name\":\"Item\",\"price\":{\"amount\":%d,\"currency\":\"EUR\"},\"initial_stock\":%d}"
                .formatted(price, stock),
            admin);
    assertThat(reply.status()).isEqualTo(201);
    String id = reply.body().get("id").asText();
    await(
        () -> system.get("/api/v1/products/" + id + "/stock", null).status() == 200,
        "stock of " + id);
    return id;
  }

  JsonNode stock(String productId) {
    return system.get("/api/v1/products/" + productId + "/stock", null).body();
  }

  GatewayClient.Reply order(
      String token, String productId, long quantity, String paymentMethod, String key) {
    String pm = paymentMethod == null ? "" : ",\"payment_method\":\"" + paymentMethod + "\"";
    String body =
        "{\"items\":[{\"product_id\":\"%s\",\"quantity\":%d}],\"shipping_address\":\"1 Test Street\",\"currency\":\"EUR\"%s}"
            .formatted(productId, quantity, pm);
    return key == null
        ? system.post("/api/v1/orders", body, token)
        : system.sendWithHeader("POST", "/api/v1/orders", body, token, "Idempotency-Key", key);
  }

  JsonNode getOrder(String token, String orderId) {
    return system.get("/api/v1/orders/" + orderId, token).body();
  }

  /** Waits until the order satisfies the condition; returns it as last seen. */
  JsonNode awaitOrder(String token, String orderId, Predicate<JsonNode> condition) {
    JsonNode[] last = new JsonNode[1];
    await(
        () -> {
          last[0] = getOrder(token, orderId);
          return condition.test(last[0]);
        },
        "order " + orderId + " to change");
    return last[0];
  }

  static Predicate<JsonNode> status(String status) {
    return order -> status.equals(order.get("status").asText());
  }

  static void await(java.util.function.BooleanSupplier condition, String what) {
    Eventually.await(what, java.time.Duration.ofSeconds(30), condition);
  }
}
