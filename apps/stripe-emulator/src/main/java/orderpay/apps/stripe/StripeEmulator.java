package orderpay.apps.stripe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stripe.Stripe;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for the part of Stripe's API OrderPay uses: payment_intents (create, retrieve,
 * confirm, cancel) and refunds, with Stripe's test payment methods, Idempotency-Key replay, objects
 * shaped like Stripe's own, and signed webhook events sent to a configured URL.
 */
public final class StripeEmulator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StripeEmulator.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  /** A stored answer for an Idempotency-Key: same key, same request -> same answer. */
  private record Replay(String requestFingerprint, int status, String body) {}

  private final Map<String, ObjectNode> intents = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> refundsByIntent = new ConcurrentHashMap<>();
  private final Map<String, Replay> replays = new ConcurrentHashMap<>();
  private final Map<String, Object> keyLocks = new ConcurrentHashMap<>();
  private final Faults faults;
  private final WebhookSender webhooks;
  private final Javalin app;

  private StripeEmulator(Faults faults, WebhookSender webhooks, String host, int port) {
    this.faults = faults;
    this.webhooks = webhooks;
    this.app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.concurrency.useVirtualThreads = true;
              config.routes.before("/v1/*", this::authenticate);
              config.routes.post("/v1/payment_intents", ctx -> idempotent(ctx, this::createIntent));
              config.routes.get(
                  "/v1/payment_intents/{id}",
                  ctx -> respond(ctx, 200, intent(ctx.pathParam("id"))));
              config.routes.post(
                  "/v1/payment_intents/{id}/confirm", ctx -> idempotent(ctx, this::confirmIntent));
              config.routes.post(
                  "/v1/payment_intents/{id}/cancel", ctx -> idempotent(ctx, this::cancelIntent));
              config.routes.post("/v1/refunds", ctx -> idempotent(ctx, this::createRefund));
              config.routes.get(
                  "/v1/payment_methods/{id}",
                  ctx -> respond(ctx, 200, paymentMethod(ctx.pathParam("id"))));
              // test helper: the customer completes 3-D Secure
              config.routes.post(
                  "/_emulator/payment_intents/{id}/authenticate",
                  ctx -> respond(ctx, 200, authenticate3ds(ctx.pathParam("id"))));
              config.routes.exception(
                  StripeError.class,
                  (e, ctx) ->
                      ctx.status(e.status).contentType("application/json").result(e.body()));
            });
    app.start(host, port);
    log.info("Stripe emulator listening on http://{}:{}", host, app.port());
  }

  public static StripeEmulator start(
      String host, int port, String webhookUrl, String webhookSecret, Faults faults) {
    return new StripeEmulator(
        faults, new WebhookSender(webhookUrl, webhookSecret, faults), host, port);
  }

  public String apiBase() {
    return "http://127.0.0.1:" + app.port();
  }

  /** Where webhooks go; settable after start, since the gateway may start after the emulator. */
  public void webhookUrl(String url) {
    webhooks.target(url);
  }

  public Faults faults() {
    return faults;
  }

  public int intentCount() {
    return intents.size();
  }

  /** How much of the intent's charge was refunded (0 if none). */
  public long refundedAmount(String intentId) {
    var refund = refundsByIntent.get(intentId);
    return refund == null ? 0 : refund.get("amount").asLong();
  }

  /** The customer finishes 3-D Secure for the intent (what Stripe.js would do in a browser). */
  public ObjectNode completeAuthentication(String intentId) {
    return authenticate3ds(intentId);
  }

  /** A payment intent as Stripe would show it now (tests compare against it). */
  public ObjectNode intent(String id) {
    var intent = intents.get(id);
    if (intent == null) {
      throw new StripeError(
          404,
          "invalid_request_error",
          "resource_missing",
          "No such payment_intent: '" + id + "'",
          null);
    }
    synchronized (intent) {
      return intent.deepCopy();
    }
  }

  /** Builds a signed-ready event for an intent's current state (tests replay and reorder these). */
  public String eventJson(String type, ObjectNode object) {
    var event = NODES.objectNode();
    event.put("id", "evt_" + random(24));
    event.put("object", "event");
    event.put("api_version", Stripe.API_VERSION);
    event.put("created", now());
    event.putObject("data").set("object", object);
    event.put("livemode", false);
    event.put("pending_webhooks", 1);
    var request = event.putObject("request");
    request.putNull("id");
    request.putNull("idempotency_key");
    event.put("type", type);
    return event.toString();
  }

  /** Stripe's test payment methods ({@code pm_card_*}) exist; nothing else does. */
  private static ObjectNode paymentMethod(String id) {
    if (!id.startsWith("pm_card_")) {
      throw new StripeError(
          404,
          "invalid_request_error",
          "resource_missing",
          "No such PaymentMethod: '" + id + "'",
          null);
    }
    var method = NODES.objectNode();
    method.put("id", id);
    method.put("object", "payment_method");
    method.put("type", "card");
    method.put("livemode", false);
    method.put("created", now());
    method.putObject("metadata");
    var card = method.putObject("card");
    card.put("brand", "visa");
    card.put("last4", "4242");
    card.put("exp_month", 12);
    card.put("exp_year", 2034);
    return method;
  }

  private void authenticate(Context ctx) {
    String auth = ctx.header("Authorization");
    if (auth == null || !auth.startsWith("Bearer sk_test_")) {
      throw new StripeError(401, "invalid_request_error", null, "Invalid API Key provided", null);
    }
  }

  private interface Operation {
    Answer run(Context ctx, Map<String, String> params);
  }

  private record Answer(int status, ObjectNode body) {}

  /** Stripe replays the first answer for a reused Idempotency-Key, and refuses other parameters. */
  private void idempotent(Context ctx, Operation operation) {
    var params = form(ctx.body());
    String key = ctx.header("Idempotency-Key");
    if (key == null) {
      var answer = operation.run(ctx, params);
      respond(ctx, answer.status(), answer.body());
      return;
    }
    String scope = ctx.path() + "|" + key;
    String fingerprint = new TreeMap<>(params).toString();
    synchronized (keyLocks.computeIfAbsent(scope, k -> new Object())) {
      var replay = replays.get(scope);
      if (replay != null) {
        if (!replay.requestFingerprint().equals(fingerprint)) {
          throw new StripeError(
              400,
              "idempotency_error",
              null,
              "Keys for idempotent requests can only be used with the same parameters they were first used with.",
              null);
        }
        ctx.header("Idempotent-Replayed", "true");
        ctx.status(replay.status()).contentType("application/json").result(replay.body());
        return;
      }
      Answer answer;
      try {
        answer = operation.run(ctx, params);
      } catch (StripeError error) {
        replays.put(scope, new Replay(fingerprint, error.status, error.body()));
        throw error;
      }
      replays.put(scope, new Replay(fingerprint, answer.status(), answer.body().toString()));
      respond(ctx, answer.status(), answer.body());
    }
  }

  private Answer createIntent(Context ctx, Map<String, String> params) {
    long amount = parseAmount(params.get("amount"));
    String currency = params.getOrDefault("currency", "");
    if (!currency.matches("[a-z]{3}")) {
      throw new StripeError(
          400,
          "invalid_request_error",
          "parameter_invalid_empty",
          "Missing required param: currency.",
          null);
    }
    String id = "pi_" + random(24);
    var intent = NODES.objectNode();
    intent.put("id", id);
    intent.put("object", "payment_intent");
    intent.put("amount", amount);
    intent.put("amount_capturable", 0);
    intent.putObject("amount_details").putObject("tip");
    intent.put("amount_received", 0);
    intent.putNull("application");
    intent.putNull("application_fee_amount");
    intent.putNull("automatic_payment_methods");
    intent.putNull("canceled_at");
    intent.putNull("cancellation_reason");
    intent.put("capture_method", "automatic");
    intent.put("client_secret", id + "_secret_" + random(25));
    intent.put("confirmation_method", "automatic");
    intent.put("created", now());
    intent.put("currency", currency);
    intent.putNull("customer");
    intent.putNull("description");
    intent.putNull("invoice");
    intent.putNull("last_payment_error");
    intent.putNull("latest_charge");
    intent.put("livemode", false);
    var metadata = intent.putObject("metadata");
    params.forEach(
        (name, value) -> {
          if (name.startsWith("metadata[") && name.endsWith("]")) {
            metadata.put(name.substring(9, name.length() - 1), value);
          }
        });
    intent.putNull("next_action");
    intent.putNull("on_behalf_of");
    intent.putNull("payment_method");
    intent.putObject("payment_method_options");
    intent.putArray("payment_method_types").add("card");
    intent.putNull("processing");
    intent.putNull("receipt_email");
    intent.putNull("review");
    intent.putNull("setup_future_usage");
    intent.putNull("shipping");
    intent.putNull("statement_descriptor");
    intent.putNull("statement_descriptor_suffix");
    intent.put("status", "requires_payment_method");
    intent.putNull("transfer_data");
    intent.putNull("transfer_group");
    intents.put(id, intent);
    send("payment_intent.created", intent);
    String paymentMethod = params.get("payment_method");
    if (paymentMethod != null) {
      intent.put("payment_method", paymentMethod);
      intent.put("status", "requires_confirmation");
      if (Boolean.parseBoolean(params.getOrDefault("confirm", "false"))) {
        return confirm(intent, paymentMethod);
      }
    }
    return new Answer(200, copy(intent));
  }

  private Answer confirmIntent(Context ctx, Map<String, String> params) {
    var intent = intents.get(ctx.pathParam("id"));
    if (intent == null) {
      throw new StripeError(
          404, "invalid_request_error", "resource_missing", "No such payment_intent", null);
    }
    String paymentMethod =
        params.getOrDefault("payment_method", intent.path("payment_method").asText(null));
    if (paymentMethod == null) {
      throw new StripeError(
          400,
          "invalid_request_error",
          "payment_intent_unexpected_state",
          "You must provide a payment method.",
          null);
    }
    return confirm(intent, paymentMethod);
  }

  /**
   * Stripe's test cards: visa succeeds, chargeDeclined declines (402), threeDSecure2Required asks
   * for action.
   */
  private Answer confirm(ObjectNode intent, String paymentMethod) {
    synchronized (intent) {
      String status = intent.get("status").asText();
      if (status.equals("succeeded") || status.equals("canceled")) {
        throw new StripeError(
            400,
            "invalid_request_error",
            "payment_intent_unexpected_state",
            "This PaymentIntent's status is " + status + ".",
            copy(intent));
      }
      intent.put("payment_method", paymentMethod);
      intent.putNull("last_payment_error");
      switch (paymentMethod) {
        case "pm_card_chargeDeclined",
            "pm_card_visa_chargeDeclined",
            "pm_card_chargeDeclinedInsufficientFunds" -> {
          String decline =
              paymentMethod.endsWith("InsufficientFunds")
                  ? "insufficient_funds"
                  : "generic_decline";
          var error = intent.putObject("last_payment_error");
          error.put("type", "card_error");
          error.put("code", "card_declined");
          error.put("decline_code", decline);
          error.put("message", "Your card was declined.");
          intent.put("status", "requires_payment_method");
          send("payment_intent.payment_failed", intent);
          throw new StripeError(
              402, "card_error", "card_declined", "Your card was declined.", copy(intent), decline);
        }
        case "pm_card_threeDSecure2Required", "pm_card_authenticationRequired" -> {
          intent.put("status", "requires_action");
          intent.putObject("next_action").put("type", "use_stripe_sdk");
          send("payment_intent.requires_action", intent);
        }
        default -> {
          if (!paymentMethod.startsWith("pm_card_")) {
            throw new StripeError(
                400,
                "invalid_request_error",
                "resource_missing",
                "No such PaymentMethod: '" + paymentMethod + "'",
                null);
          }
          succeed(intent);
        }
      }
      return new Answer(200, copy(intent));
    }
  }

  private void succeed(ObjectNode intent) {
    intent.put("status", "succeeded");
    intent.putNull("next_action");
    intent.put("amount_received", intent.get("amount").asLong());
    intent.put("latest_charge", "ch_" + random(24));
    send("payment_intent.succeeded", intent);
  }

  private ObjectNode authenticate3ds(String id) {
    var intent = intents.get(id);
    if (intent == null) {
      throw new StripeError(
          404, "invalid_request_error", "resource_missing", "No such payment_intent", null);
    }
    synchronized (intent) {
      if (intent.get("status").asText().equals("requires_action")) {
        succeed(intent);
      }
      return copy(intent);
    }
  }

  private Answer cancelIntent(Context ctx, Map<String, String> params) {
    var intent = intents.get(ctx.pathParam("id"));
    if (intent == null) {
      throw new StripeError(
          404, "invalid_request_error", "resource_missing", "No such payment_intent", null);
    }
    synchronized (intent) {
      String status = intent.get("status").asText();
      if (status.equals("succeeded")) {
        throw new StripeError(
            400,
            "invalid_request_error",
            "payment_intent_unexpected_state",
            "You cannot cancel this PaymentIntent because it has a status of succeeded.",
            copy(intent));
      }
      if (!status.equals("canceled")) {
        intent.put("status", "canceled");
        intent.put("canceled_at", now());
        intent.put(
            "cancellation_reason",
            params.getOrDefault("cancellation_reason", "requested_by_customer"));
        intent.putNull("next_action");
        send("payment_intent.canceled", intent);
      }
      return new Answer(200, copy(intent));
    }
  }

  private Answer createRefund(Context ctx, Map<String, String> params) {
    String intentId = params.get("payment_intent");
    var intent = intentId == null ? null : intents.get(intentId);
    if (intent == null) {
      throw new StripeError(
          400,
          "invalid_request_error",
          "resource_missing",
          "No such payment_intent: '" + intentId + "'",
          null);
    }
    synchronized (intent) {
      if (!intent.get("status").asText().equals("succeeded")) {
        throw new StripeError(
            400,
            "invalid_request_error",
            "charge_not_refundable",
            "This PaymentIntent has no successful charge to refund.",
            null);
      }
      if (refundsByIntent.containsKey(intentId)) {
        throw new StripeError(
            400,
            "invalid_request_error",
            "charge_already_refunded",
            "Charge " + intent.get("latest_charge").asText() + " has already been refunded.",
            null);
      }
      var refund = NODES.objectNode();
      refund.put("id", "re_" + random(24));
      refund.put("object", "refund");
      refund.put("amount", intent.get("amount").asLong());
      refund.putNull("balance_transaction");
      refund.put("charge", intent.get("latest_charge").asText());
      refund.put("created", now());
      refund.put("currency", intent.get("currency").asText());
      refund.putObject("metadata");
      refund.put("payment_intent", intentId);
      refund.putNull("reason");
      refund.putNull("receipt_number");
      refund.putNull("source_transfer_reversal");
      refund.put("status", "succeeded");
      refund.putNull("transfer_reversal");
      refundsByIntent.put(intentId, refund);
      send("charge.refunded", charge(intent));
      return new Answer(200, refund.deepCopy());
    }
  }

  private static ObjectNode charge(ObjectNode intent) {
    var charge = NODES.objectNode();
    charge.put("id", intent.get("latest_charge").asText());
    charge.put("object", "charge");
    charge.put("amount", intent.get("amount").asLong());
    charge.put("amount_captured", intent.get("amount").asLong());
    charge.put("amount_refunded", intent.get("amount").asLong());
    charge.put("captured", true);
    charge.put("created", now());
    charge.put("currency", intent.get("currency").asText());
    charge.put("livemode", false);
    charge.set("metadata", intent.get("metadata").deepCopy());
    charge.put("paid", true);
    charge.put("payment_intent", intent.get("id").asText());
    charge.put("refunded", true);
    charge.put("status", "succeeded");
    return charge;
  }

  private void send(String type, ObjectNode object) {
    webhooks.send(eventJson(type, copy(object)));
  }

  private static ObjectNode copy(ObjectNode node) {
    synchronized (node) {
      return node.deepCopy();
    }
  }

  private static void respond(Context ctx, int status, ObjectNode body) {
    ctx.status(status).contentType("application/json").result(body.toString());
  }

  private static long parseAmount(String raw) {
    try {
      long amount = Long.parseLong(raw);
      if (amount < 1) {
        throw new NumberFormatException();
      }
      return amount;
    } catch (NumberFormatException | NullPointerException e) {
      throw new StripeError(
          400,
          "invalid_request_error",
          "parameter_invalid_integer",
          "Invalid positive integer: amount",
          null);
    }
  }

  /** application/x-www-form-urlencoded, keys like {@code metadata[order_id]} kept as they are. */
  static Map<String, String> form(String body) {
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

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }

  private static String random(int length) {
    var text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
    }
    return text.toString();
  }

  /** A Stripe error answer: {"error": {type, code, message, [decline_code], [payment_intent]}}. */
  static final class StripeError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    private final String type;
    private final String code;
    private final transient ObjectNode intent;
    private final String declineCode;

    StripeError(int status, String type, String code, String message, ObjectNode intent) {
      this(status, type, code, message, intent, null);
    }

    StripeError(
        int status,
        String type,
        String code,
        String message,
        ObjectNode intent,
        String declineCode) {
      super(message, null, false, false);
      this.status = status;
      this.type = type;
      this.code = code;
      this.intent = intent;
      this.declineCode = declineCode;
    }

    String body() {
      var error = NODES.objectNode();
      error.put("type", type);
      if (code != null) {
        error.put("code", code);
      }
      if (declineCode != null) {
        error.put("decline_code", declineCode);
      }
      error.put("message", getMessage());
      if (intent != null) {
        error.set("payment_intent", intent);
      }
      var body = NODES.objectNode();
      body.set("error", error);
      try {
        return JSON.writeValueAsString(body);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Override
  public void close() {
    app.stop();
    webhooks.close();
  }
}
