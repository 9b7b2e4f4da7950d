package orderpay.apps.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import orderpay.devstack.EmbeddedKafkaBroker;
import orderpay.devstack.EmbeddedPostgresServer;
import orderpay.devstack.FreePorts;
import orderpay.runtime.Env;
import orderpay.runtime.Lifecycle;

/**
 * {@code ./orderpay demo}: drives the REST API as a client would. Uses the system already running
 * at {@code ORDERPAY_URL} (default http://127.0.0.1:8080, e.g. from {@code ./orderpay up}); if none
 * answers, starts a throw-away one on free ports for the length of the demo.
 */
public final class Demo {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final long started = System.nanoTime();

  private Demo(String base) {
    this.base = base;
  }

  public static void main(String[] args) throws Exception {
    Env env = Env.system();
    String url = env.get("ORDERPAY_URL", "http://127.0.0.1:" + env.get("GATEWAY_PORT", "8080"));
    try (var lifecycle = new Lifecycle()) {
      String adminPassword;
      if (isReady(url)) {
        adminPassword =
            env.optional("ORDERPAY_ADMIN_PASSWORD")
                .orElseGet(
                    () ->
                        readKept(
                            Path.of(
                                env.get("ORDERPAY_DATA_DIR", ".orderpay-data"), "admin-password")));
        System.out.println("Using the OrderPay system at " + url);
      } else {
        System.out.println("No system answers at " + url + "; starting a throw-away one ...");
        Path dataDir = Files.createTempDirectory("orderpay-demo");
        var postgres =
            lifecycle.own(EmbeddedPostgresServer.start(Optional.empty(), FreePorts.next()));
        var kafka = lifecycle.own(EmbeddedKafkaBroker.start(null, FreePorts.next()));
        var settings = SandboxSettings.ephemeral(dataDir, "admin@orderpay.local", "orderpay");
        var sandbox =
            lifecycle.own(
                Sandbox.start(
                    env.with(java.util.Map.of("STRIPE_SECRET_KEY", "")),
                    settings,
                    postgres,
                    kafka.bootstrapServers()));
        url = sandbox.gatewayUrl();
        adminPassword = sandbox.adminPassword();
      }
      new Demo(url).run(env.get("ORDERPAY_ADMIN_EMAIL", "admin@orderpay.local"), adminPassword);
    }
  }

  private void run(String adminEmail, String adminPassword) throws Exception {
    String email = "demo-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    step(
        "register " + email,
        post(
            "/api/v1/users",
            "{\"email\":\""
                + email
                + "\",\"password\":\"demo-password\",\"name\":\"Demo Customer\"}",
            null));
    String customer =
        post(
                "/api/v1/auth/token",
                "{\"email\":\"" + email + "\",\"password\":\"demo-password\"}",
                null)
            .body()
            .get("access_token")
            .asText();
    step("log in as " + email, null);
    String admin =
        post(
                "/api/v1/auth/token",
                "{\"email\":\"" + adminEmail + "\",\"password\":\"" + adminPassword + "\"}",
                null)
            .body()
            .get("access_token")
            .asText();
    var product =
        post(
            "/api/v1/products",
            "{\"name\":\"Demo teapot\",\"description\":\"porcelain\",\"price\":{\"amount\":2599,\"currency\":\"EUR\"},\"initial_stock\":5}",
            admin);
    String productId = product.body().get("id").asText();
    step("admin stocks product " + productId + " (5 units at 25.99 EUR)", product);
    waitFor(() -> get("/api/v1/products/" + productId + "/stock", null).status() == 200);
    printStock(productId);

    System.out.println();
    timeline("2 teapots paid with pm_card_visa (succeeds)", customer, productId, "pm_card_visa");
    timeline(
        "1 teapot paid with pm_card_chargeDeclined (declined)",
        customer,
        productId,
        "pm_card_chargeDeclined");
    System.out.println();
    printStock(productId);
  }

  private void timeline(String title, String customer, String productId, String paymentMethod)
      throws Exception {
    long quantity = paymentMethod.equals("pm_card_visa") ? 2 : 1;
    System.out.println("== " + title);
    long t0 = System.nanoTime();
    var placed =
        post(
            "/api/v1/orders",
            "{\"items\":[{\"product_id\":\""
                + productId
                + "\",\"quantity\":"
                + quantity
                + "}],"
                + "\"shipping_address\":\"1 Demo Street\",\"currency\":\"EUR\",\"payment_method\":\""
                + paymentMethod
                + "\"}",
            customer);
    String orderId = placed.body().get("id").asText();
    List<String> seen = new ArrayList<>();
    String status = placed.body().get("status").asText();
    System.out.printf(
        "  +%6.1f ms  POST /api/v1/orders -> %d, order %s is %s%n",
        ms(t0), placed.status(), orderId, status);
    seen.add(status);
    while (status.equals("PENDING")) {
      Thread.sleep(10);
      var order = get("/api/v1/orders/" + orderId, customer).body();
      if (!order.get("status").asText().equals(status)) {
        status = order.get("status").asText();
        System.out.printf("  +%6.1f ms  order is %s%n", ms(t0), status);
      }
    }
    var order = get("/api/v1/orders/" + orderId, customer).body();
    var payment = get("/api/v1/orders/" + orderId + "/payment", customer).body();
    System.out.printf(
        "  +%6.1f ms  payment %s is %s at the provider (%s)%s%n",
        ms(t0),
        payment.get("id").asText(),
        payment.get("status").asText(),
        payment.get("provider_payment_id").asText(),
        order.has("failure_reason")
            ? ", failure_reason " + order.get("failure_reason").asText()
            : "");
    long expectedOnHandDrop = status.equals("PAID") ? quantity : 0;
    long onHandBefore = 5 - (paymentMethod.equals("pm_card_visa") ? 0 : 2);
    waitFor(
        () -> {
          var stock = get("/api/v1/products/" + productId + "/stock", null).body();
          return stock.get("reserved").asLong() == 0
              && stock.get("on_hand").asLong() == onHandBefore - expectedOnHandDrop;
        });
    System.out.printf(
        "  +%6.1f ms  stock %s%n",
        ms(t0),
        status.equals("PAID") ? "committed (" + quantity + " sold)" : "released (nothing sold)");
    long paidAt = System.nanoTime();
    var expected =
        status.equals("PAID")
            ? List.of("order_confirmation", "payment_succeeded")
            : List.of("payment_failed");
    waitFor(() -> sentTemplates(customer, orderId).containsAll(expected));
    System.out.printf(
        "  +%6.1f ms  emails sent (%s), %.0f ms after the outcome was known%n",
        ms(t0), String.join(", ", expected), ms(paidAt));
    if (status.equals("PAID")) {
      System.out.printf(
          "  time from POST /api/v1/orders to PAID: %.1f ms%n", msUntilPaid(placed, t0));
    }
  }

  private List<String> sentTemplates(String customer, String orderId) throws Exception {
    var sent = new ArrayList<String>();
    get("/api/v1/notifications?order_id=" + orderId, customer)
        .body()
        .get("notifications")
        .forEach(
            n -> {
              if (n.get("status").asText().equals("SENT")) {
                sent.add(n.get("template").asText());
              }
            });
    return sent;
  }

  private double msUntilPaid(Reply placed, long t0) {
    return placed.body().get("status").asText().equals("PAID") ? placed.elapsedMs() : ms(t0);
  }

  private void printStock(String productId) throws Exception {
    var stock = get("/api/v1/products/" + productId + "/stock", null).body();
    System.out.printf(
        "stock: on_hand=%d reserved=%d available=%d%n",
        stock.get("on_hand").asLong(),
        stock.get("reserved").asLong(),
        stock.get("available").asLong());
  }

  private void step(String what, Reply reply) {
    System.out.printf(
        "[%6.0f ms] %s%s%n", ms(started), what, reply == null ? "" : " -> " + reply.status());
  }

  private record Reply(int status, JsonNode body, double elapsedMs) {}

  private Reply post(String path, String json, String token) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    return send(request, token, true);
  }

  /** Reads; a 4xx is an answer here (e.g. stock not there yet), not a failure of the demo. */
  private Reply get(String path, String token) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), token, false);
  }

  private Reply send(HttpRequest.Builder request, String token, boolean strict) throws Exception {
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    long t0 = System.nanoTime();
    var response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    var body = response.body().length == 0 ? null : JSON.readTree(response.body());
    if (strict && response.statusCode() >= 400) {
      throw new IllegalStateException(
          request.build().uri() + " answered " + response.statusCode() + ": " + body);
    }
    return new Reply(response.statusCode(), body, ms(t0));
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private static void waitFor(Check check) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!check.holds()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the system did not get there within 30 s");
      }
      Thread.sleep(10);
    }
  }

  private static double ms(long since) {
    return (System.nanoTime() - since) / 1e6;
  }

  private static boolean isReady(String url) {
    try {
      var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
      return client
              .send(
                  HttpRequest.newBuilder(URI.create(url + "/health/ready")).build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException | InterruptedException | IllegalArgumentException e) {
      return false;
    }
  }

  private static String readKept(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new IllegalStateException(
          "set ORDERPAY_ADMIN_PASSWORD (no " + file + " to read it from)", e);
    }
  }
}
