package orderpay.apps.sandbox.chaos;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import orderpay.apps.sandbox.chaos.LoggedHttp.Answer;
import orderpay.apps.sandbox.chaos.LoggedHttp.Customer;
import orderpay.apps.sandbox.chaos.RequestLog.Kind;

/**
 * An order's life as a customer drives it: placing it (asking again with the same key when the
 * answer is lost), cancelling it, and what their browser does at Stripe with a 3-D Secure challenge
 * or a client secret.
 */
record OrderCalls(LoggedHttp http, String gatewayUrl, String stripeApiBase) {
  private static final String PUBLISHABLE_KEY = "pk_test_orderpay_load_driver";
  private static final int CREATE_ATTEMPTS = 4;

  /** Places an order; {@code paymentMethod} null leaves it to be paid in the browser. */
  Answer order(
      String who,
      Customer customer,
      String product,
      long quantity,
      String paymentMethod,
      String idempotencyKey) {
    ObjectNode body = LoggedHttp.JSON.createObjectNode();
    body.putArray("items").addObject().put("product_id", product).put("quantity", quantity);
    body.put("shipping_address", "1 Chaos Street");
    body.put("currency", "EUR");
    if (paymentMethod != null) {
      body.put("payment_method", paymentMethod);
    }
    // like a careful client: no answer or a 5xx may still have placed the order, so ask again
    // with the same key to learn which (or place it now)
    Answer answer = null;
    for (int attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
      answer =
          http.call(who, Kind.CREATE_ORDER, "POST", gatewayUrl + "/api/v1/orders")
              .json(body)
              .by(customer)
              .idempotencyKey(idempotencyKey)
              .send();
      if (answer.status() != 0 && answer.status() < 500) {
        break;
      }
      LoggedHttp.pause(Duration.ofMillis(500L * attempt));
    }
    return answer;
  }

  void cancel(String who, Customer customer, String orderId) {
    http.call(who, Kind.CANCEL_ORDER, "POST", gatewayUrl + "/api/v1/orders/" + orderId + "/cancel")
        .empty()
        .by(customer)
        .about(orderId)
        .send();
  }

  /** A customer who cannot pay gives the order up rather than leave it waiting. */
  void cancelIfPlaced(String who, Customer customer, Answer placed) {
    if (placed.succeeded() && "PENDING".equals(LoggedHttp.text(placed.body().get("status")))) {
      cancel(who, customer, placed.id());
    }
  }

  /** What Stripe.js does when the customer passes the 3-D Secure challenge. */
  int authenticate(String who, Customer customer, String orderId, String intent) {
    return http.call(
            who,
            Kind.AUTHENTICATE_3DS,
            "POST",
            stripeApiBase + "/_emulator/payment_intents/" + intent + "/authenticate")
        .empty()
        .by(customer)
        .about(orderId)
        .send()
        .status();
  }

  /** What Stripe.js does with the client secret: confirm the intent with a publishable key. */
  int confirmInBrowser(
      String who, Customer customer, String orderId, String intent, String secret, String card) {
    String form =
        "payment_method="
            + URLEncoder.encode(card, StandardCharsets.UTF_8)
            + "&client_secret="
            + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    return http.call(
            who,
            Kind.CONFIRM_IN_BROWSER,
            "POST",
            stripeApiBase + "/v1/payment_intents/" + intent + "/confirm")
        .form(form)
        .by(customer)
        .bearer(PUBLISHABLE_KEY)
        .about(orderId)
        .send()
        .status();
  }

  /**
   * The order's PaymentIntent, from the answer or, when the payment step was slow (Stripe retried),
   * from the order as it is a little later: what a shop's front end would poll.
   */
  String intentOf(String who, Customer customer, Answer placed) {
    if (!placed.succeeded() || placed.body() == null) {
      return null;
    }
    String intent = LoggedHttp.text(placed.body().at("/payment/provider_payment_id"));
    Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
    while (intent == null && Instant.now().isBefore(deadline)) {
      LoggedHttp.pause(Duration.ofMillis(200));
      var order = fetchOrder(who, customer, placed.id());
      if (order.status() == 200) {
        intent = LoggedHttp.text(order.body().at("/payment/provider_payment_id"));
      }
    }
    return intent;
  }

  String clientSecretOf(String who, Customer customer, Answer placed) {
    String secret = LoggedHttp.text(placed.body().at("/payment/client_secret"));
    if (secret != null) {
      return secret;
    }
    var order = fetchOrder(who, customer, placed.id());
    String fetched =
        order.body() == null ? null : LoggedHttp.text(order.body().at("/payment/client_secret"));
    return fetched == null ? "" : fetched;
  }

  private Answer fetchOrder(String who, Customer customer, String orderId) {
    return http.call(who, Kind.OTHER, "GET", gatewayUrl + "/api/v1/orders/" + orderId)
        .by(customer)
        .about(orderId)
        .send();
  }
}
