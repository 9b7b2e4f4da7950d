package orderpay.apps.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import orderpay.apps.stripe.WebhookSignature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator console's order API end to end: every customer's orders with filters, an order's
 * timeline across the order, payment and notification services, and the retry and cancel of a stuck
 * order. Admins only.
 */
class AdminOrdersApiTest {
  // the sweep leaves stuck orders alone for an hour: only the admin's retry resumes them here
  @RegisterExtension
  static final SandboxExtension sandbox =
      new SandboxExtension(Map.of("ORDER_RECOVERY_GRACE", "1h"));

  /** A customer with this email; returns their token and id. */
  private record Customer(String token, String id, String email) {}

  private static Customer customer(String name) {
    String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    sandbox
        .system()
        .post(
            "/api/v1/users",
            "{\"email\":\"%s\",\"password\":\"customer-pass\",\"name\":\"%s\"}"
                .formatted(email, name));
    String token = sandbox.shop().login(email, "customer-pass");
    return new Customer(
        token, sandbox.system().get("/api/v1/users/me", token).body().get("id").asText(), email);
  }

  private static GatewayClient.Reply admin(String method, String path) {
    return sandbox.system().send(method, path, null, null, sandbox.shop().admin);
  }

  private static List<String> listed(String query) {
    var reply = admin("GET", "/api/v1/admin/orders?" + query);
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    return ids(reply.body().get("orders"));
  }

  private static List<String> ids(JsonNode orders) {
    return StreamSupport.stream(orders.spliterator(), false)
        .map(o -> o.get("id").asText())
        .toList();
  }

  private static String encoded(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void anAdminListsEveryCustomersOrdersNewestFirstWithEachFilter() {
    var ann = customer("ann");
    var bob = customer("bob");
    String product = sandbox.shop().product(1000, 20);
    String annPaid =
        sandbox
            .shop()
            .order(ann.token(), product, 1, "pm_card_visa", null)
            .body()
            .get("id")
            .asText();
    String annPending =
        sandbox.shop().order(ann.token(), product, 1, null, null).body().get("id").asText();
    String bobPending =
        sandbox.shop().order(bob.token(), product, 1, null, null).body().get("id").asText();

    assertThat(listed("page_size=100"))
        .containsSubsequence(bobPending, annPending, annPaid); // newest first
    assertThat(listed("customer=" + ann.id())).containsExactly(annPending, annPaid);
    assertThat(listed("customer=" + encoded(ann.email().toUpperCase())))
        .containsExactly(annPending, annPaid);
    assertThat(listed("customer=nobody-" + UUID.randomUUID() + "@example.com")).isEmpty();
    assertThat(listed("status=PAID&customer=" + ann.id())).containsExactly(annPaid);
    var pending = listed("status=pending&page_size=100");
    assertThat(pending).contains(annPending, bobPending).doesNotContain(annPaid);
    assertThat(listed("older_than_seconds=3600&customer=" + ann.id())).isEmpty();
    Shop.await(
        () -> listed("older_than_seconds=1&customer=" + ann.id()).size() == 2,
        "ann's orders to be a second old");

    var first = admin("GET", "/api/v1/admin/orders?page_size=1&customer=" + ann.id()).body();
    assertThat(ids(first.get("orders"))).containsExactly(annPending);
    var second =
        admin(
                "GET",
                "/api/v1/admin/orders?page_size=1&customer="
                    + ann.id()
                    + "&page_token="
                    + encoded(first.get("next_page_token").asText()))
            .body();
    assertThat(ids(second.get("orders"))).containsExactly(annPaid);
    assertThat(second.get("next_page_token").isNull()).isTrue();
    assertThat(first.get("orders").get(0))
        .isEqualTo(sandbox.shop().getOrder(ann.token(), annPending));

    for (String bad :
        List.of(
            "status=SHIPPED",
            "older_than_seconds=-1",
            "older_than_seconds=soon",
            "customer=not-an-id",
            "customer=" + encoded("bad@"),
            "page_size=0",
            "page_token=" + encoded("not a token"))) {
      var refused = admin("GET", "/api/v1/admin/orders?" + bad);
      assertThat(refused.status()).as(bad + ": " + refused.text()).isEqualTo(400);
      assertThat(refused.body().at("/error/code").asText()).isEqualTo("invalid_request");
      assertThat(refused.body().at("/error/message").asText()).isNotBlank();
    }
    var customer = sandbox.system().get("/api/v1/admin/orders", ann.token());
    assertThat(customer.status()).isEqualTo(403);
    assertThat(customer.body().at("/error/code").asText()).isEqualTo("forbidden");
    assertThat(sandbox.system().get("/api/v1/admin/orders", null).status()).isEqualTo(401);
  }

  @Test
  void thePaidOrdersTimelineTellsItsStoryAcrossTheServicesInTheOrderItHappened() {
    var cy = customer("cy");
    var placed = sandbox.shop().order(cy.token(), sandbox.shop().product(2500, 3), 1, null, null);
    String orderId = placed.body().get("id").asText();
    String traceId = placed.headers().get("x-request-id").getFirst(); // the request's trace id
    payAtStripe(placed.body().at("/payment/provider_payment_id").asText());
    sandbox.shop().awaitOrder(cy.token(), orderId, Shop.status("PAID"));

    String path = "/api/v1/admin/orders/" + orderId + "/timeline";
    JsonNode[] timeline = new JsonNode[1];
    Shop.await(
        () -> {
          timeline[0] = admin("GET", path).body();
          var lines = told(timeline[0]);
          return lines.stream()
                  .anyMatch(
                      l ->
                          l.startsWith(
                              "notification order_confirmation email to "
                                  + cy.email()
                                  + ": SENT at "))
              && lines.stream()
                  .anyMatch(
                      l ->
                          l.startsWith(
                              "notification payment_succeeded email to "
                                  + cy.email()
                                  + ": SENT at "));
        },
        "both emails to be sent");
    assertThat(timeline[0].get("order_id").asText()).isEqualTo(orderId);
    assertThat(timeline[0].get("trace_id").asText()).isEqualTo(traceId);
    assertTellsInOrder(
        timeline[0],
        "order created 1 line(s), total 25.00 EUR",
        "order stock_reserved",
        "payment payment_created",
        "order payment_started",
        "order event_published OrderCreated to order.created ",
        "payment provider_event payment_intent.succeeded evt_",
        "payment payment_status SUCCEEDED",
        "order event_consumed PaymentStatusUpdated from payment.status-updated ",
        "order paid",
        "order event_published OrderPaid to order.paid ",
        "notification payment_succeeded");
    var entries = timeline[0].get("entries");
    var times = new ArrayList<Instant>();
    entries.forEach(e -> times.add(Instant.parse(e.get("at").asText())));
    assertThat(times).isSorted();

    assertThat(admin("GET", "/api/v1/admin/orders/" + UUID.randomUUID() + "/timeline").status())
        .isEqualTo(404);
    assertThat(admin("GET", "/api/v1/admin/orders/not-a-uuid/timeline").status()).isEqualTo(400);
    assertThat(sandbox.system().get(path, cy.token()).status()).isEqualTo(403);
    assertThat(sandbox.system().get(path, null).status()).isEqualTo(401);
  }

  /** What Stripe sends once the customer confirmed the intent in the browser. */
  private static void payAtStripe(String intentId) {
    var stripe = sandbox.system().sandbox.emulator().orElseThrow();
    var intent = stripe.intent(intentId);
    intent.put("status", "succeeded");
    String event = stripe.eventJson("payment_intent.succeeded", intent);
    String secret = sandbox.system().sandbox.environment().required("STRIPE_WEBHOOK_SECRET");
    var reply =
        sandbox
            .system()
            .sendWithHeader(
                "POST",
                "/api/v1/webhooks/stripe",
                event,
                null,
                "Stripe-Signature",
                WebhookSignature.header(event, secret, System.currentTimeMillis() / 1000));
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
  }

  /** Each entry as one line: "source kind detail". */
  private static List<String> told(JsonNode timeline) {
    var lines = new ArrayList<String>();
    timeline
        .get("entries")
        .forEach(
            e ->
                lines.add(
                    e.get("source").asText()
                        + " "
                        + e.get("kind").asText()
                        + " "
                        + e.get("detail").asText()));
    return lines;
  }

  /** Some line tells each fragment, in this order (other lines may come between). */
  private static void assertTellsInOrder(JsonNode timeline, String... fragments) {
    var lines = told(timeline);
    int at = 0;
    for (String fragment : fragments) {
      while (at < lines.size() && !lines.get(at).contains(fragment)) {
        at++;
      }
      assertThat(at)
          .as("\"%s\" after the earlier fragments in %s", fragment, lines)
          .isLessThan(lines.size());
      at++;
    }
  }

  @Test
  void anAdminRetriesAStuckSagaAtOnceAndCancelsAnotherCustomersPendingOrder() {
    var dee = customer("dee");
    String product = sandbox.shop().product(2100, 4);
    String stuck = interruptedOrder(UUID.fromString(dee.id()), UUID.fromString(product));
    assertThat(sandbox.shop().getOrder(dee.token(), stuck).get("payment").isNull()).isTrue();
    String retry = "/api/v1/admin/orders/" + stuck + "/retry";
    assertThat(sandbox.system().post(retry, null, dee.token()).status()).isEqualTo(403);
    assertThat(sandbox.system().post(retry, null).status()).isEqualTo(401);
    assertThat(admin("POST", "/api/v1/admin/orders/" + UUID.randomUUID() + "/retry").status())
        .isEqualTo(404);

    var retried = admin("POST", retry);
    assertThat(retried.status()).as(retried.text()).isEqualTo(200);
    assertThat(retried.body().get("status").asText()).isEqualTo("PAID"); // pm_card_visa
    assertThat(retried.body().at("/payment/status").asText()).isEqualTo("SUCCEEDED");
    var again = admin("POST", retry);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body().at("/error/code").asText()).isEqualTo("invalid_state");
    assertTellsInOrder(
        admin("GET", "/api/v1/admin/orders/" + stuck + "/timeline").body(),
        "order recovery_attempted admin ",
        "order stock_reserved",
        "order payment_started",
        "order paid");

    String awaiting =
        sandbox.shop().order(dee.token(), product, 1, null, null).body().get("id").asText();
    var unchanged = admin("POST", "/api/v1/admin/orders/" + awaiting + "/retry");
    assertThat(unchanged.status()).isEqualTo(200); // its payment is awaited: nothing to run yet
    assertThat(unchanged.body().get("status").asText()).isEqualTo("PENDING");
    var cancelled = admin("POST", "/api/v1/orders/" + awaiting + "/cancel");
    assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
    assertThat(cancelled.body().get("status").asText()).isEqualTo("CANCELLED");
    assertThat(sandbox.shop().getOrder(dee.token(), awaiting).get("status").asText())
        .isEqualTo("CANCELLED");
    assertThat(admin("POST", "/api/v1/admin/orders/" + awaiting + "/retry").status())
        .isEqualTo(409);
  }

  /**
   * The order row a crash right after the insert leaves behind (a test hook): step NEW, placed now,
   * last touched ten seconds ago, paid with pm_card_visa once resumed.
   */
  private static String interruptedOrder(UUID userId, UUID productId) {
    UUID orderId = UUID.randomUUID();
    var env = sandbox.system().sandbox.environment();
    try (var db =
        DriverManager.getConnection(
            env.required("ORDER_DB_URL"), env.required("ORDER_DB_USER"), "")) {
      try (var order =
          db.prepareStatement(
              """
              INSERT INTO orders (id, user_id, status, saga_step, shipping_address, payment_method, total_minor,
                                  currency, created_at, updated_at)
              VALUES (?, ?, 'PENDING', 'NEW', '1 Crash Lane', 'pm_card_visa', 4200, 'EUR', now(), ?)
              """)) {
        order.setObject(1, orderId);
        order.setObject(2, userId);
        order.setTimestamp(3, Timestamp.from(Instant.now().minusSeconds(10)));
        order.executeUpdate();
      }
      try (var line =
          db.prepareStatement(
              "INSERT INTO order_lines (order_id, line_no, product_id, name, quantity, unit_price_minor)"
                  + " VALUES (?, 0, ?, 'Item', 2, 2100)")) {
        line.setObject(1, orderId);
        line.setObject(2, productId);
        line.executeUpdate();
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return orderId.toString();
  }
}
