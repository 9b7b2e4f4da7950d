package orderpay.apps.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import orderpay.adapters.grpc.GrpcChannels;
import orderpay.contracts.inventory.v1.InventoryServiceGrpc;
import orderpay.contracts.inventory.v1.ReservationLine;
import orderpay.contracts.inventory.v1.ReserveStockRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The catalog and stock routes of API.md end to end: gateway -> product/inventory -> Kafka. */
class CatalogApiTest {
  private static RunningSandbox system;
  private static String admin;
  private static String customer;

  @BeforeAll
  static void start() {
    system = RunningSandbox.start(CatalogApiTest.class);
    admin = token("admin@orderpay.test", "admin-password-e2e");
    system.post(
        "/api/v1/users",
        "{\"email\":\"shopper@example.com\",\"password\":\"shopper-pass\",\"name\":\"S\"}");
    customer = token("shopper@example.com", "shopper-pass");
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  private static String token(String email, String password) {
    return system
        .post(
            "/api/v1/auth/token",
            "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, password))
        .body()
        .get("access_token")
        .asText();
  }

  private static RunningSandbox.Reply asAdmin(String method, String path, String json) {
    return system.send(method, path, json == null ? null : "application/json", json, admin);
  }

  private static JsonNode createProduct(String name, long amount, long stock) {
    var reply =
        asAdmin(
            "POST",
            "/api/v1/products",
            "{\"name\":\"%s\",\"description\":\"d\",\"price\":{\"amount\":%d,\"currency\":\"EUR\"},\"initial_stock\":%d}"
                .formatted(name, amount, stock));
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(201);
    return reply.body();
  }

  private static RunningSandbox.Reply awaitStock(String productId, int expectedStatus) {
    String path = "/api/v1/products/" + productId + "/stock";
    Shop.await(
        () -> system.get(path, null).status() == expectedStatus,
        "stock of " + productId + " answering " + expectedStatus);
    return system.get(path, null);
  }

  private static int productCount() {
    int count = 0;
    String token = null;
    do {
      var page =
          system.get(
              "/api/v1/products?page_size=100" + (token == null ? "" : "&page_token=" + token),
              null);
      count += page.body().get("products").size();
      token =
          page.body().get("next_page_token").isNull()
              ? null
              : page.body().get("next_page_token").asText();
    } while (token != null);
    return count;
  }

  private static void assertError(RunningSandbox.Reply reply, int status, String code) {
    assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(status);
    assertThat(reply.body().at("/error/code").asText()).isEqualTo(code);
  }

  @Test
  void anAdminCreatesAProductAndItsStockAppears() throws Exception {
    var product = createProduct("Teapot", 2599, 12);
    assertThat(product.at("/price/amount").asLong()).isEqualTo(2599);
    assertThat(product.at("/price/currency").asText()).isEqualTo("EUR");
    String id = product.get("id").asText();
    assertThat(system.get("/api/v1/products/" + id, null).body()).isEqualTo(product);

    var stock = awaitStock(id, 200);
    assertThat(stock.status()).isEqualTo(200);
    assertThat(stock.body().get("on_hand").asLong()).isEqualTo(12);
    assertThat(stock.body().get("available").asLong()).isEqualTo(12);
  }

  @Test
  void writesNeedAnAdmin() {
    String body = "{\"name\":\"X\",\"price\":{\"amount\":100,\"currency\":\"EUR\"}}";
    int before = productCount();
    assertError(
        system.send("POST", "/api/v1/products", "application/json", body, null),
        401,
        "unauthenticated");
    assertError(
        system.send("POST", "/api/v1/products", "application/json", body, customer),
        403,
        "forbidden");
    String id = createProduct("Guarded", 100, 1).get("id").asText();
    assertError(
        system.send(
            "PATCH", "/api/v1/products/" + id, "application/json", "{\"name\":\"Y\"}", customer),
        403,
        "forbidden");
    assertError(
        system.send("DELETE", "/api/v1/products/" + id, null, null, customer), 403, "forbidden");
    assertError(
        system.send(
            "PUT",
            "/api/v1/products/" + id + "/stock",
            "application/json",
            "{\"on_hand\":1}",
            customer),
        403,
        "forbidden");
    assertThat(productCount()).isEqualTo(before + 1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"name\":\"X\",\"price\":{\"amount\":0,\"currency\":\"EUR\"}}",
        "{\"name\":\"X\",\"price\":{\"amount\":-5,\"currency\":\"EUR\"}}",
        "{\"name\":\"X\",\"price\":{\"amount\":19.99,\"currency\":\"EUR\"}}",
        "{\"name\":\"X\",\"price\":{\"amount\":\"100\",\"currency\":\"EUR\"}}",
        "{\"name\":\"X\",\"price\":{\"amount\":100,\"currency\":\"eur\"}}",
        "{\"name\":\"X\",\"price\":{\"amount\":100,\"currency\":\"XYZ\"}}",
        "{\"name\":\"X\",\"price\":{\"amount\":100}}",
        "{\"name\":\"X\",\"price\":100}",
        "{\"name\":\"X\"}",
        "{\"price\":{\"amount\":100,\"currency\":\"EUR\"}}",
        "{\"name\":\"   \",\"price\":{\"amount\":100,\"currency\":\"EUR\"}}",
        "{\"name\":\"X\",\"price\":{\"amount\":100,\"currency\":\"EUR\"},\"initial_stock\":-1}",
        "{\"name\":\"X\",\"price\":{\"amount\":100,\"currency\":\"EUR\"},\"initial_stock\":\"5\"}",
        "{\"name\":\"X\",\"price\":{\"amount\":99999999999999999999999,\"currency\":\"EUR\"}}",
        "not json"
      })
  void badProductsAre400AndCreateNothing(String body) {
    int before = productCount();
    assertError(asAdmin("POST", "/api/v1/products", body), 400, "invalid_request");
    assertThat(productCount()).isEqualTo(before);
  }

  @Test
  void unknownAndMalformedIds() {
    assertError(system.get("/api/v1/products/" + UUID.randomUUID(), null), 404, "not_found");
    assertError(system.get("/api/v1/products/not-a-uuid", null), 400, "invalid_request");
    assertError(
        system.get("/api/v1/products/" + UUID.randomUUID() + "/stock", null), 404, "not_found");
    assertError(
        asAdmin("PATCH", "/api/v1/products/" + UUID.randomUUID(), "{\"name\":\"Y\"}"),
        404,
        "not_found");
    assertError(asAdmin("DELETE", "/api/v1/products/" + UUID.randomUUID(), null), 404, "not_found");
  }

  @Test
  void patchChangesOnlyTheGivenFields() {
    var product = createProduct("Mug", 899, 0);
    String id = product.get("id").asText();
    var patched = asAdmin("PATCH", "/api/v1/products/" + id, "{\"description\":\"blue\"}");
    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.body().get("name").asText()).isEqualTo("Mug");
    assertThat(patched.body().at("/price/amount").asLong()).isEqualTo(899);
    assertThat(patched.body().get("description").asText()).isEqualTo("blue");
    var repriced =
        asAdmin(
            "PATCH", "/api/v1/products/" + id, "{\"price\":{\"amount\":799,\"currency\":\"EUR\"}}");
    assertThat(repriced.body().at("/price/amount").asLong()).isEqualTo(799);
    assertError(asAdmin("PATCH", "/api/v1/products/" + id, "{}"), 400, "invalid_request");
    assertError(
        asAdmin(
            "PATCH", "/api/v1/products/" + id, "{\"price\":{\"amount\":0,\"currency\":\"EUR\"}}"),
        400,
        "invalid_request");
    assertThat(system.get("/api/v1/products/" + id, null).body().at("/price/amount").asLong())
        .isEqualTo(799);
  }

  @Test
  void aDeletedProductIs404EverywhereAndItsStockGoes() throws Exception {
    String id = createProduct("Ephemeral", 100, 3).get("id").asText();
    awaitStock(id, 200);
    assertThat(asAdmin("DELETE", "/api/v1/products/" + id, null).status()).isEqualTo(204);
    assertError(system.get("/api/v1/products/" + id, null), 404, "not_found");
    assertError(asAdmin("DELETE", "/api/v1/products/" + id, null), 404, "not_found");
    assertThat(awaitStock(id, 404).status()).isEqualTo(404);
  }

  @Test
  void stockCountsAreSetByAdminsAndNeverBelowWhatIsReserved() throws Exception {
    String id = createProduct("Counted", 500, 10).get("id").asText();
    awaitStock(id, 200);
    try (var channel =
        GrpcChannels.open(
            system.sandbox.inventoryTarget(),
            Duration.ofSeconds(5),
            system.sandbox.credentials(orderpay.adapters.grpc.auth.Callers.ORDER_SERVICE))) {
      InventoryServiceGrpc.newBlockingStub(channel.channel())
          .reserveStock(
              ReserveStockRequest.newBuilder()
                  .setOrderId(UUID.randomUUID().toString())
                  .addLines(ReservationLine.newBuilder().setProductId(id).setQuantity(4))
                  .build());
    }
    var set = asAdmin("PUT", "/api/v1/products/" + id + "/stock", "{\"on_hand\":6}");
    assertThat(set.status()).isEqualTo(200);
    assertThat(set.body().get("available").asLong()).isEqualTo(2);
    assertError(
        asAdmin("PUT", "/api/v1/products/" + id + "/stock", "{\"on_hand\":3}"),
        409,
        "invalid_state");
    assertError(
        asAdmin("PUT", "/api/v1/products/" + id + "/stock", "{\"on_hand\":-1}"),
        400,
        "invalid_request");
    assertError(
        asAdmin("PUT", "/api/v1/products/" + id + "/stock", "{\"on_hand\":\"7\"}"),
        400,
        "invalid_request");
    assertError(asAdmin("PUT", "/api/v1/products/" + id + "/stock", "{}"), 400, "invalid_request");
    assertThat(system.get("/api/v1/products/" + id + "/stock", null).body().get("on_hand").asLong())
        .isEqualTo(6);
  }

  @Test
  void listingPagesWithOpaqueTokens() {
    var ids = new ArrayList<String>();
    for (int i = 0; i < 3; i++) {
      ids.add(createProduct("Paged " + i, 100 + i, 0).get("id").asText());
    }
    var seen = new ArrayList<String>();
    String token = null;
    do {
      var page =
          system.get(
              "/api/v1/products?page_size=2" + (token == null ? "" : "&page_token=" + token), null);
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.body().get("products").size()).isLessThanOrEqualTo(2);
      page.body().get("products").forEach(p -> seen.add(p.get("id").asText()));
      token =
          page.body().get("next_page_token").isNull()
              ? null
              : page.body().get("next_page_token").asText();
    } while (token != null);
    assertThat(seen).containsSubsequence(ids).doesNotHaveDuplicates();
    assertError(system.get("/api/v1/products?page_size=abc", null), 400, "invalid_request");
    assertError(system.get("/api/v1/products?page_size=0", null), 400, "invalid_request");
    assertError(
        system.get("/api/v1/products?page_token=%21%21garbage", null), 400, "invalid_request");
  }

  @Test
  void aSearchFindsNameOrDescriptionIgnoringCaseAndPagesThroughItsMatches() {
    String word = "zq" + UUID.randomUUID().toString().substring(0, 6);
    var ids = new ArrayList<String>();
    for (int i = 0; i < 3; i++) {
      ids.add(
          createProduct("Teapot " + word.toUpperCase() + " " + i, 100 + i, 0).get("id").asText());
    }
    var inDescription =
        asAdmin(
            "POST",
            "/api/v1/products",
            "{\"name\":\"Cup\",\"description\":\"goes with %s\",\"price\":{\"amount\":300,\"currency\":\"EUR\"}}"
                .formatted(word));
    ids.add(inDescription.body().get("id").asText());
    createProduct("Unrelated", 100, 0);

    var seen = new ArrayList<String>();
    String token = null;
    do {
      var page =
          system.get(
              "/api/v1/products?q="
                  + word
                  + "&page_size=3"
                  + (token == null ? "" : "&page_token=" + token),
              null);
      assertThat(page.status()).isEqualTo(200);
      page.body().get("products").forEach(p -> seen.add(p.get("id").asText()));
      token =
          page.body().get("next_page_token").isNull()
              ? null
              : page.body().get("next_page_token").asText();
    } while (token != null);
    assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);

    // LIKE's wildcards are plain characters in a search
    assertThat(system.get("/api/v1/products?q=%25", null).body().get("products").size()).isZero();
    assertThat(system.get("/api/v1/products?q=_", null).body().get("products").size()).isZero();
    assertThat(system.get("/api/v1/products?q=%20%20", null).body().get("products").size())
        .as("a blank search is no search")
        .isPositive();
    assertError(system.get("/api/v1/products?q=" + "x".repeat(101), null), 400, "invalid_request");
  }
}
