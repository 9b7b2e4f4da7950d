package orderpay.apps.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Money and stock stay in agreement where the first review found they did not: refused requests
 * leave nothing behind, a reused idempotency key with another body is refused, one customer cannot
 * hold the shelves, and a declined intent confirmed again by the customer is never kept silently.
 */
class MoneySafetyTest {
  @RegisterExtension
  static final SandboxExtension sandbox =
      new SandboxExtension(
          Map.of("ORDER_MAX_OPEN_PER_USER", "2", "ORDER_MAX_OPEN_UNITS_PER_USER", "5"));

  private static void assertError(RunningSandbox.Reply reply, int status, String code) {
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(status);
    assertThat(reply.body().at("/error/code").asText()).isEqualTo(code);
  }

  private static int intents() {
    return sandbox.system().sandbox.emulator().orElseThrow().intentCount();
  }

  private static JsonNode orders(String token) {
    return sandbox.system().get("/api/v1/orders", token).body().get("orders");
  }

  @Test
  void anUnknownPaymentMethodIs400AndLeavesNoOrderNoHoldNoIntentNoEmail() {
    String customer = sandbox.shop().customer();
    String product = sandbox.shop().product(1200, 4);
    int intentsBefore = intents();
    var refused = sandbox.shop().order(customer, product, 1, "pm_does_not_exist", null);
    assertError(refused, 400, "invalid_request");
    assertThat(refused.body().at("/error/details/field").asText()).isEqualTo("payment_method");
    assertThat(orders(customer)).isEmpty();
    assertThat(sandbox.shop().stock(product).get("reserved").asLong()).isZero();
    assertThat(intents()).isEqualTo(intentsBefore);
    // a known one still works afterwards, and nothing about the refused one was ever mailed
    assertThat(sandbox.shop().order(customer, product, 1, "pm_card_visa", null).status())
        .isEqualTo(201);
    Shop.await(() -> notifications(customer).size() >= 2, "the paid order's two notifications");
    assertThat(notifications(customer))
        .extracting(n -> n.get("template").asText())
        .containsExactlyInAnyOrder("order_confirmation", "payment_succeeded");
  }

  private static java.util.List<JsonNode> notifications(String token) {
    var list = new java.util.ArrayList<JsonNode>();
    sandbox
        .system()
        .get("/api/v1/notifications", token)
        .body()
        .get("notifications")
        .forEach(
            n -> {
              if (!n.get("template").asText().equals("welcome")) {
                list.add(n);
              }
            });
    return list;
  }

  @Test
  void theSameKeyWithAnotherBodyIs422AndCreatesNothing() {
    String customer = sandbox.shop().customer();
    String product = sandbox.shop().product(800, 9);
    var first = sandbox.shop().order(customer, product, 1, "pm_card_visa", "key-422");
    assertThat(first.status()).isEqualTo(201);
    var same = sandbox.shop().order(customer, product, 1, "pm_card_visa", "key-422");
    assertThat(same.body().get("id").asText()).isEqualTo(first.body().get("id").asText());
    int intentsBefore = intents();
    var other = sandbox.shop().order(customer, product, 2, "pm_card_visa", "key-422");
    assertError(other, 422, "idempotency_key_reused");
    assertThat(orders(customer)).hasSize(1);
    assertThat(intents()).isEqualTo(intentsBefore);
    Shop.await(() -> sandbox.shop().stock(product).get("on_hand").asLong() == 8, "one unit sold");
    assertThat(sandbox.shop().stock(product).get("reserved").asLong()).isZero();
  }

  @Test
  void oneCustomerCannotHoldMoreThanTheOpenOrderLimits() {
    String hoarder = sandbox.shop().customer();
    String product = sandbox.shop().product(500, 50);
    assertThat(sandbox.shop().order(hoarder, product, 2, null, null).status()).isEqualTo(201);
    assertThat(sandbox.shop().order(hoarder, product, 2, null, null).status()).isEqualTo(201);
    var third = sandbox.shop().order(hoarder, product, 1, null, null);
    assertError(third, 409, "too_many_open_orders");
    assertThat(orders(hoarder)).hasSize(2);
    assertThat(sandbox.shop().stock(product).get("reserved").asLong()).isEqualTo(4);
    // units count too: a fresh customer asking for more than five units at once
    assertError(
        sandbox.shop().order(sandbox.shop().customer(), product, 6, null, null),
        409,
        "too_many_open_orders");
    // paying (or cancelling) one frees a slot
    String first = orders(hoarder).get(1).get("id").asText();
    assertThat(sandbox.system().post("/api/v1/orders/" + first + "/cancel", "", hoarder).status())
        .isEqualTo(200);
    var freed = sandbox.shop().order(hoarder, product, 1, null, null);
    assertThat(freed.status()).as("%s", freed.body()).isEqualTo(201);
  }

  @Test
  void aDeclinedIntentConfirmedAgainByTheCustomerEndsPaidOrRefundedNeverChargedAndFailed()
      throws Exception {
    String customer = sandbox.shop().customer();
    String product = sandbox.shop().product(2100, 3);
    var order = sandbox.shop().order(customer, product, 1, null, null).body();
    String id = order.get("id").asText();
    String intent = order.at("/payment/provider_payment_id").asText();
    // the customer's browser confirms with a declined card, then at once with a good one
    assertThat(confirm(intent, "pm_card_chargeDeclined")).isEqualTo(402);
    int second = confirm(intent, "pm_card_visa");
    var settled =
        sandbox
            .shop()
            .awaitOrder(
                customer,
                id,
                o ->
                    o.get("status").asText().equals("PAID")
                        || o.at("/payment/status").asText().equals("REFUNDED"));
    var atStripe = sandbox.system().sandbox.emulator().orElseThrow().intent(intent);
    if (second == 200 && settled.get("status").asText().equals("FAILED")) {
      // the money taken after the decline went back, and the customer was not left charged
      Shop.await(
          () ->
              sandbox
                  .shop()
                  .getOrder(customer, id)
                  .at("/payment/status")
                  .asText()
                  .equals("REFUNDED"),
          "the late charge to be refunded");
      assertThat(atStripe.get("status").asText()).isEqualTo("succeeded");
      assertThat(sandbox.system().sandbox.emulator().orElseThrow().refundedAmount(intent))
          .isEqualTo(2100);
    } else if (settled.get("status").asText().equals("PAID")) {
      assertThat(atStripe.get("status").asText()).isEqualTo("succeeded");
      assertThat(sandbox.system().sandbox.emulator().orElseThrow().refundedAmount(intent)).isZero();
      Shop.await(
          () -> sandbox.shop().stock(product).get("on_hand").asLong() == 2, "the sale committed");
    }
  }

  /** What Stripe.js does in the customer's browser: confirm the intent with a payment method. */
  private static int confirm(String intent, String paymentMethod) throws Exception {
    var request =
        HttpRequest.newBuilder(
                URI.create(
                    sandbox.system().sandbox.emulator().orElseThrow().apiBase()
                        + "/v1/payment_intents/"
                        + intent
                        + "/confirm"))
            .header("Authorization", "Bearer sk_test_customer_browser")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("payment_method=" + paymentMethod))
            .build();
    return HttpClient.newHttpClient()
        .send(request, HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }
}
