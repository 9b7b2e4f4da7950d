package orderpay.apps.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import orderpay.apps.stripe.StripeEmulator;
import orderpay.apps.stripe.WebhookSignature;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The public webhook route: signatures, duplicates, late and reordered events, fault injection. */
class StripeWebhookTest {
  @RegisterExtension static final SandboxExtension sandbox = new SandboxExtension();
  private static StripeEmulator stripe;
  private static String secret;

  @BeforeAll
  static void start() {
    stripe = sandbox.system().sandbox.emulator().orElseThrow();
    secret = sandbox.system().sandbox.environment().required("STRIPE_WEBHOOK_SECRET");
  }

  private record Pending(String token, String orderId, String intentId, String productId) {}

  private static Pending pendingOrder() {
    String token = sandbox.shop().customer();
    String product = sandbox.shop().product(1800, 5);
    var order = sandbox.shop().order(token, product, 2, null, null).body();
    assertThat(order.get("status").asText()).isEqualTo("PENDING");
    return new Pending(
        token,
        order.get("id").asText(),
        order.at("/payment/provider_payment_id").asText(),
        product);
  }

  /** An event about the intent, as Stripe would send it once the intent reached {@code status}. */
  private static String event(String type, String intentId, String status) {
    var intent = stripe.intent(intentId);
    intent.put("status", status);
    return stripe.eventJson(type, intent);
  }

  private static RunningSandbox.Reply deliver(String event, String signature) {
    return sandbox
        .system()
        .send(
            "POST",
            "/api/v1/webhooks/stripe",
            "application/json",
            event,
            null,
            "Stripe-Signature",
            signature);
  }

  private static String sign(String event) {
    return WebhookSignature.header(event, secret, System.currentTimeMillis() / 1000);
  }

  private static JsonNode payment(Pending p) {
    return sandbox.system().get("/api/v1/orders/" + p.orderId() + "/payment", p.token()).body();
  }

  @Test
  void invalidMissingAndExpiredSignaturesAre400AndChangeNothing() {
    var p = pendingOrder();
    String event = event("payment_intent.succeeded", p.intentId(), "succeeded");
    long now = System.currentTimeMillis() / 1000;
    assertError(deliver(event, WebhookSignature.header(event, "whsec_not_ours", now)));
    assertError(
        sandbox.system().send("POST", "/api/v1/webhooks/stripe", "application/json", event, null));
    assertError(deliver(event, WebhookSignature.header(event, secret, now - 301)));
    assertError(deliver(event.replace("succeeded", "canceled"), sign(event)));
    assertError(deliver("{not json", sign("{not json")));
    assertThat(payment(p).get("status").asText()).isEqualTo("PENDING");
    assertThat(sandbox.shop().getOrder(p.token(), p.orderId()).get("status").asText())
        .isEqualTo("PENDING");
  }

  private static void assertError(RunningSandbox.Reply reply) {
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(400);
    assertThat(reply.body().at("/error/code").asText()).isEqualTo("invalid_request");
  }

  @Test
  void theSameEventTwiceHasOneEffectAndALateFailureNeverUndoesTheSuccess() {
    var p = pendingOrder();
    String succeeded = event("payment_intent.succeeded", p.intentId(), "succeeded");
    var first = deliver(succeeded, sign(succeeded));
    var second = deliver(succeeded, sign(succeeded));
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body().get("duplicate").asBoolean()).isFalse();
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.body().get("duplicate").asBoolean()).isTrue();
    sandbox.shop().awaitOrder(p.token(), p.orderId(), Shop.status("PAID"));
    Shop.await(
        () -> sandbox.shop().stock(p.productId()).get("on_hand").asLong() == 3,
        "one sale committed");

    String failed = event("payment_intent.payment_failed", p.intentId(), "requires_payment_method");
    assertThat(deliver(failed, sign(failed)).status()).isEqualTo(200);
    assertThat(payment(p).get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(sandbox.shop().getOrder(p.token(), p.orderId()).get("status").asText())
        .isEqualTo("PAID");
    assertThat(sandbox.shop().stock(p.productId()).get("on_hand").asLong()).isEqualTo(3);
  }

  @Test
  void eventsForIntentsWeDoNotKnowOrTypesWeDoNotHandleAreAcknowledged() {
    var p = pendingOrder();
    String created = event("payment_intent.created", p.intentId(), "requires_payment_method");
    assertThat(deliver(created, sign(created)).status()).isEqualTo(200);
    var stranger = stripe.intent(p.intentId());
    stranger.put("id", "pi_not_one_of_ours");
    String foreign = stripe.eventJson("payment_intent.succeeded", stranger);
    assertThat(deliver(foreign, sign(foreign)).status()).isEqualTo(200);
    assertThat(payment(p).get("status").asText()).isEqualTo("PENDING");
  }

  @Test
  void duplicatedDelayedAndReorderedDeliveriesFromStripeStillSettleOnce() {
    stripe.faults().duplicate = true;
    stripe.faults().reorder = true;
    stripe.faults().delay = java.time.Duration.ofMillis(100);
    try {
      String token = sandbox.shop().customer();
      String product = sandbox.shop().product(900, 4);
      var order =
          sandbox.shop().order(token, product, 1, "pm_card_threeDSecure2Required", null).body();
      assertThat(order.at("/payment/status").asText()).isEqualTo("REQUIRES_ACTION");
      stripe.completeAuthentication(order.at("/payment/provider_payment_id").asText());
      sandbox.shop().awaitOrder(token, order.get("id").asText(), Shop.status("PAID"));
      Shop.await(
          () -> sandbox.shop().stock(product).get("on_hand").asLong() == 3, "one sale committed");
      String cancelled = order.get("id").asText();
      assertThat(
              sandbox
                  .system()
                  .post("/api/v1/orders/" + cancelled + "/cancel", "", token)
                  .body()
                  .get("status")
                  .asText())
          .isEqualTo("REFUNDED");
      Shop.await(
          () -> sandbox.shop().stock(product).get("on_hand").asLong() == 4,
          "the refund restocked once");
    } finally {
      stripe.faults().reset();
    }
  }
}
