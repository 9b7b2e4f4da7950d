package orderpay.apps.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import orderpay.adapters.kafka.KafkaTopics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The order saga end to end: gateway -> order -> product/inventory/payment over gRPC, Stripe
 * emulator through stripe-java, webhooks, Kafka between the services, PostgreSQL underneath.
 */
class OrderFlowTest {
  @RegisterExtension static final SandboxExtension sandbox = new SandboxExtension();

  private static void assertError(RunningSandbox.Reply reply, int status, String code) {
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(status);
    assertThat(reply.body().at("/error/code").asText()).isEqualTo(code);
  }

  private static int intents() {
    return sandbox.system().sandbox.emulator().orElseThrow().intentCount();
  }

  @Test
  void aVisaPaymentPaysTheOrderAndCommitsTheStock() throws Exception {
    String customer = sandbox.shop().customer();
    String product = sandbox.shop().product(2500, 10);
    var placed = sandbox.shop().order(customer, product, 3, "pm_card_visa", null);
    assertThat(placed.status()).isEqualTo(201);
    var order = placed.body();
    assertThat(order.get("status").asText()).isEqualTo("PAID");
    assertThat(order.at("/total/amount").asLong()).isEqualTo(7500);
    assertThat(order.at("/items/0/line_total/amount").asLong()).isEqualTo(7500);
    assertThat(order.at("/payment/status").asText()).isEqualTo("SUCCEEDED");
    assertThat(order.at("/payment/provider_payment_id").asText()).startsWith("pi_");

    Shop.await(
        () -> sandbox.shop().stock(product).get("on_hand").asLong() == 7, "stock to be committed");
    assertThat(sandbox.shop().stock(product).get("reserved").asLong()).isZero();

    var payment =
        sandbox
            .system()
            .get("/api/v1/orders/" + order.get("id").asText() + "/payment", customer)
            .body();
    assertThat(payment.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(payment.at("/amount/amount").asLong()).isEqualTo(7500);
    assertThat(payment.get("order_id").asText()).isEqualTo(order.get("id").asText());
  }

  @Test
  void aDeclineFailsTheOrderAndReleasesTheStock() throws Exception {
    String customer = sandbox.shop().customer();
    String product = sandbox.shop().product(1000, 4);
    var order = sandbox.shop().order(customer, product, 2, "pm_card_chargeDeclined", null).body();
    assertThat(order.get("status").asText()).isEqualTo("FAILED");
    assertThat(order.get("failure_reason").asText()).isEqualTo("generic_decline");
    Shop.await(
        () -> sandbox.shop().stock(product).get("reserved").asLong() == 0,
        "the hold to be released");
    assertThat(sandbox.shop().stock(product).get("on_hand").asLong()).isEqualTo(4);
    // the declined intent is cancelled so it can never be paid later
    String intent = order.at("/payment/provider_payment_id").asText();
    Shop.await(
        () ->
            sandbox
                .system()
                .sandbox
                .emulator()
                .orElseThrow()
                .intent(intent)
                .get("status")
                .asText()
                .equals("canceled"),
        "the declined intent to be cancelled");
  }

  @Test
  void insufficientStockIs409WithNothingReservedAndNoPaymentIntent() {
    String customer = sandbox.shop().customer();
    String product = sandbox.shop().product(1000, 2);
    int before = intents();
    var reply = sandbox.shop().order(customer, product, 3, "pm_card_visa", null);
    assertError(reply, 409, "insufficient_stock");
    assertThat(reply.body().at("/error/details/" + product).asText())
        .isEqualTo("requested=3,available=2");
    assertThat(sandbox.shop().stock(product).get("reserved").asLong()).isZero();
    assertThat(intents()).isEqualTo(before);
  }

  @Test
  void withoutAPaymentMethodTheOrderWaitsWithAClientSecretAndCancellingReleasesEverything()
      throws Exception {
    String customer = sandbox.shop().customer();
    String product = sandbox.shop().product(1500, 5);
    var order = sandbox.shop().order(customer, product, 2, null, null).body();
    assertThat(order.get("status").asText()).isEqualTo("PENDING");
    assertThat(order.at("/payment/client_secret").asText()).contains("_secret_");
    assertThat(sandbox.shop().stock(product).get("reserved").asLong()).isEqualTo(2);

    String id = order.get("id").asText();
    var cancelled = sandbox.system().post("/api/v1/orders/" + id + "/cancel", "", customer);
    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.body().get("status").asText()).isEqualTo("CANCELLED");
    Shop.await(
        () -> sandbox.shop().stock(product).get("reserved").asLong() == 0,
        "the hold to be released");
    String intent = order.at("/payment/provider_payment_id").asText();
    assertThat(
            sandbox.system().sandbox.emulator().orElseThrow().intent(intent).get("status").asText())
        .isEqualTo("canceled");
    assertError(
        sandbox.system().post("/api/v1/orders/" + id + "/cancel", "", customer),
        409,
        "invalid_state");
  }

  @Test
  void cancellingAPaidOrderRefundsItAndPutsTheStockBack() throws Exception {
    String customer = sandbox.shop().customer();
    String product = sandbox.shop().product(999, 6);
    String id =
        sandbox.shop().order(customer, product, 2, "pm_card_visa", null).body().get("id").asText();
    Shop.await(
        () -> sandbox.shop().stock(product).get("on_hand").asLong() == 4,
        "the sale to be committed");
    var refunded = sandbox.system().post("/api/v1/orders/" + id + "/cancel", "", customer);
    assertThat(refunded.status()).isEqualTo(200);
    assertThat(refunded.body().get("status").asText()).isEqualTo("REFUNDED");
    Shop.await(
        () -> sandbox.shop().stock(product).get("on_hand").asLong() == 6,
        "the refunded units to come back");
    Shop.await(
        () ->
            sandbox
                .system()
                .get("/api/v1/orders/" + id + "/payment", customer)
                .body()
                .get("status")
                .asText()
                .equals("REFUNDED"),
        "the payment to show REFUNDED");
  }

  @Test
  void theSameIdempotencyKeyIsOneOrderOnePaymentIntentEvenConcurrently() throws Exception {
    String customer = sandbox.shop().customer();
    String product = sandbox.shop().product(700, 50);
    String key = "checkout-" + UUID.randomUUID();
    int before = intents();
    var first = sandbox.shop().order(customer, product, 1, "pm_card_visa", key).body();
    var again = sandbox.shop().order(customer, product, 1, "pm_card_visa", key).body();
    assertThat(again.get("id").asText()).isEqualTo(first.get("id").asText());

    String racedKey = "checkout-" + UUID.randomUUID();
    var ids = new ArrayList<String>();
    var start = new CountDownLatch(1);
    try (var pool = Executors.newFixedThreadPool(8)) {
      var replies = new ArrayList<Future<RunningSandbox.Reply>>();
      for (int i = 0; i < 8; i++) {
        replies.add(
            pool.submit(
                () -> {
                  start.await();
                  return sandbox.shop().order(customer, product, 1, "pm_card_visa", racedKey);
                }));
      }
      start.countDown();
      for (var reply : replies) {
        var r = reply.get();
        assertThat(r.status()).as("%s", r.body()).isIn(200, 201);
        ids.add(r.body().get("id").asText());
      }
    }
    assertThat(ids).containsOnly(ids.getFirst());
    sandbox.shop().awaitOrder(customer, ids.getFirst(), Shop.status("PAID"));
    assertThat(intents()).isEqualTo(before + 2);
    Shop.await(
        () -> sandbox.shop().stock(product).get("on_hand").asLong() == 48, "two sales, not more");
    var orders =
        sandbox.system().get("/api/v1/orders?page_size=100", customer).body().get("orders");
    assertThat(orders.size()).isEqualTo(2);
  }

  @Test
  void moreBuyersThanStockNeverOversell() throws Exception {
    String product = sandbox.shop().product(1200, 5);
    int buyers = 12;
    var customers = new ArrayList<String>();
    for (int i = 0; i < buyers; i++) {
      customers.add(sandbox.shop().customer());
    }
    var start = new CountDownLatch(1);
    int created = 0;
    int refused = 0;
    var paid = new ArrayList<String>();
    try (var pool = Executors.newFixedThreadPool(buyers)) {
      var replies = new ArrayList<Future<RunningSandbox.Reply>>();
      for (String customer : customers) {
        Callable<RunningSandbox.Reply> attempt =
            () -> {
              start.await();
              return sandbox.shop().order(customer, product, 1, "pm_card_visa", null);
            };
        replies.add(pool.submit(attempt));
      }
      start.countDown();
      for (var reply : replies) {
        var r = reply.get();
        if (r.status() == 201) {
          created++;
          paid.add(r.body().get("status").asText());
        } else {
          assertError(r, 409, "insufficient_stock");
          refused++;
        }
      }
    }
    System.out.printf(
        "order race: %d buyers, 5 in stock -> %d orders, %d refused%n", buyers, created, refused);
    assertThat(created).isEqualTo(5);
    assertThat(refused).isEqualTo(buyers - 5);
    assertThat(paid).containsOnly("PAID");
    Shop.await(
        () -> sandbox.shop().stock(product).get("on_hand").asLong() == 0,
        "all five sales committed");
    assertThat(sandbox.shop().stock(product).get("reserved").asLong()).isZero();
  }

  @Test
  void ordersAreTheirOwnersAndAdminsOnly() {
    String owner = sandbox.shop().customer();
    String stranger = sandbox.shop().customer();
    String product = sandbox.shop().product(500, 5);
    String id =
        sandbox.shop().order(owner, product, 1, "pm_card_visa", null).body().get("id").asText();
    assertThat(sandbox.system().get("/api/v1/orders/" + id, owner).status()).isEqualTo(200);
    assertError(sandbox.system().get("/api/v1/orders/" + id, stranger), 404, "not_found");
    assertError(
        sandbox.system().get("/api/v1/orders/" + id + "/payment", stranger), 404, "not_found");
    assertError(
        sandbox.system().post("/api/v1/orders/" + id + "/cancel", "", stranger), 404, "not_found");
    assertThat(sandbox.system().get("/api/v1/orders/" + id, sandbox.shop().admin).status())
        .isEqualTo(200);
    assertError(sandbox.system().get("/api/v1/orders/" + id, null), 401, "unauthenticated");
    assertThat(
            sandbox
                .system()
                .get("/api/v1/orders?status=PAID", stranger)
                .body()
                .get("orders")
                .size())
        .isZero();
    assertThat(
            sandbox.system().get("/api/v1/orders?status=paid", owner).body().get("orders").size())
        .isEqualTo(1);
    assertError(
        sandbox.system().get("/api/v1/orders?status=SHIPPED", owner), 400, "invalid_request");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"items\":[],\"shipping_address\":\"x\",\"currency\":\"EUR\"}",
        "{\"items\":[{\"product_id\":\"PRODUCT\",\"quantity\":0}],\"shipping_address\":\"x\",\"currency\":\"EUR\"}",
        "{\"items\":[{\"product_id\":\"PRODUCT\",\"quantity\":-1}],\"shipping_address\":\"x\",\"currency\":\"EUR\"}",
        "{\"items\":[{\"product_id\":\"PRODUCT\",\"quantity\":\"1\"}],\"shipping_address\":\"x\",\"currency\":\"EUR\"}",
        "{\"items\":[{\"product_id\":\"PRODUCT\",\"quantity\":1.5}],\"shipping_address\":\"x\",\"currency\":\"EUR\"}",
        "{\"items\":[{\"product_id\":\"00000000-0000-0000-0000-000000000000\",\"quantity\":1}],\"shipping_address\":\"x\",\"currency\":\"EUR\"}",
        "{\"items\":[{\"product_id\":\"not-a-uuid\",\"quantity\":1}],\"shipping_address\":\"x\",\"currency\":\"EUR\"}",
        "{\"items\":[{\"product_id\":\"PRODUCT\",\"quantity\":1}],\"shipping_address\":\"x\",\"currency\":\"USD\"}",
        "{\"items\":[{\"product_id\":\"PRODUCT\",\"quantity\":1}],\"shipping_address\":\"x\"}",
        "{\"items\":[{\"product_id\":\"PRODUCT\",\"quantity\":1}],\"currency\":\"EUR\"}",
        "{\"items\":[{\"product_id\":\"PRODUCT\",\"quantity\":1},{\"product_id\":\"PRODUCT\",\"quantity\":1}],\"shipping_address\":\"x\",\"currency\":\"EUR\"}",
        "{\"items\":[{\"product_id\":\"PRODUCT\",\"quantity\":1}],\"shipping_address\":\"x\",\"currency\":\"EUR\",\"payment_method\":\"pm'; DROP\"}",
        "{\"items\":\"PRODUCT\",\"shipping_address\":\"x\",\"currency\":\"EUR\"}",
        "[1,2]"
      })
  void badOrdersAre400AndReserveNothing(String template) {
    String customer = sandbox.shop().customer();
    String product = sandbox.shop().product(100, 3);
    int before = intents();
    assertError(
        sandbox.system().post("/api/v1/orders", template.replace("PRODUCT", product), customer),
        400,
        "invalid_request");
    assertThat(sandbox.shop().stock(product).get("reserved").asLong()).isZero();
    assertThat(intents()).isEqualTo(before);
  }

  @Test
  void anUnknownPaymentMethodFailsTheOrderCleanly() throws Exception {
    String customer = sandbox.shop().customer();
    String product = sandbox.shop().product(100, 3);
    assertError(
        sandbox.shop().order(customer, product, 1, "pm_unknown_method", null),
        400,
        "invalid_request");
    Shop.await(
        () -> sandbox.shop().stock(product).get("reserved").asLong() == 0,
        "the hold to be released");
  }

  @Test
  void aClientsTraceFollowsTheOrderThroughGrpcAndTheOutboxIntoKafka() {
    String customer = sandbox.shop().customer();
    String product = sandbox.shop().product(100, 5);
    String prefix = sandbox.system().sandbox.environment().get("KAFKA_TOPIC_PREFIX", "");
    try (var probe =
        new orderpay.devstack.TopicProbe(
            orderpay.devstack.SharedTestInfrastructure.kafka().bootstrapServers(),
            prefix + KafkaTopics.ORDER_CREATED)) {
      String traceId = UUID.randomUUID().toString().replace("-", "");
      String traceparent = "00-" + traceId + "-" + traceId.substring(0, 16) + "-01";
      var reply =
          sandbox
              .system()
              .sendWithHeader(
                  "POST",
                  "/api/v1/orders",
                  "{\"items\":[{\"product_id\":\""
                      + product
                      + "\",\"quantity\":1}],\"shipping_address\":\"x\",\"currency\":\"EUR\"}",
                  customer,
                  "traceparent",
                  traceparent);
      // without an X-Request-Id of its own the client is told the trace id
      assertThat(reply.headers().get("x-request-id")).containsExactly(traceId);
      String orderId = reply.body().get("id").asText();
      var record =
          probe
              .awaitRecords(
                  rs -> rs.stream().anyMatch(r -> r.key().equals(orderId)),
                  java.time.Duration.ofSeconds(20))
              .stream()
              .filter(r -> r.key().equals(orderId))
              .findFirst()
              .orElseThrow();
      assertThat(
              orderpay.adapters.kafka.EventHeaders.get(
                  record.headers(), orderpay.adapters.kafka.EventHeaders.CE_TRACEPARENT))
          .hasValueSatisfying(
              carried ->
                  assertThat(carried).startsWith("00-" + traceId + "-").isNotEqualTo(traceparent));
    }
    var named =
        sandbox
            .system()
            .sendWithHeader("GET", "/health/live", null, null, "X-Request-Id", "support-123");
    assertThat(named.headers().get("x-request-id")).containsExactly("support-123");
    var hostile =
        sandbox
            .system()
            .sendWithHeader("GET", "/health/live", null, null, "X-Request-Id", "<script>");
    assertThat(hostile.headers().get("x-request-id").getFirst()).doesNotContain("<");
  }

  @Test
  void aBarePostWithoutBodyOrContentTypeIsNotAMediaTypeError() throws Exception {
    String customer = sandbox.shop().customer();
    var url = java.net.URI.create(sandbox.system().sandbox.gatewayUrl());
    // what `curl -XPOST <url>/cancel` sends: no body, no Content-Length, no Content-Type
    try (var socket = new java.net.Socket(url.getHost(), url.getPort())) {
      String request =
          "POST /api/v1/orders/"
              + UUID.randomUUID()
              + "/cancel HTTP/1.1\r\nHost: "
              + url.getHost()
              + "\r\n"
              + "Authorization: Bearer "
              + customer
              + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String statusLine =
          new java.io.BufferedReader(
                  new java.io.InputStreamReader(
                      socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII))
              .readLine();
      assertThat(statusLine).contains(" 404 ");
    }
  }
}
