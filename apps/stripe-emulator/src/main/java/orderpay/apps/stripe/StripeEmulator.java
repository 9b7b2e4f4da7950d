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
import java.util.List;
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
  // every charge attempt, succeeded or failed, in the order they were made
  private final Map<String, ObjectNode> charges =
      java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());
  private final java.util.Queue<String> intentsInOrder =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final java.util.concurrent.atomic.AtomicInteger replayed =
      new java.util.concurrent.atomic.AtomicInteger();
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
              config.routes.post(
                  "/v1/payment_intents",
                  ctx -> api(ctx, () -> idempotent(ctx, this::createIntent)));
              // registered before {id}, so "search" is not taken for an intent id
              config.routes.get(
                  "/v1/payment_intents/search", ctx -> api(ctx, () -> searchIntents(ctx)));
              config.routes.get(
                  "/v1/payment_intents/{id}",
                  ctx -> api(ctx, () -> respond(ctx, 200, retrieveIntent(ctx))));
              config.routes.post(
                  "/v1/payment_intents/{id}/confirm",
                  ctx -> api(ctx, () -> idempotent(ctx, this::confirmIntent)));
              config.routes.post(
                  "/v1/payment_intents/{id}/cancel",
                  ctx -> api(ctx, () -> idempotent(ctx, this::cancelIntent)));
              config.routes.post(
                  "/v1/refunds", ctx -> api(ctx, () -> idempotent(ctx, this::createRefund)));
              config.routes.get(
                  "/v1/payment_methods/{id}",
                  ctx -> api(ctx, () -> respond(ctx, 200, paymentMethod(ctx.pathParam("id")))));
              // not Stripe's API: what an auditor reads, and the fault switches
              config.routes.get("/_emulator/ledger", ctx -> respond(ctx, 200, ledger()));
              config.routes.get("/_emulator/faults", ctx -> respond(ctx, 200, faults.describe()));
              config.routes.post("/_emulator/faults", this::switchFaults);
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

  /** How many requests were answered from a stored Idempotency-Key answer (client retries). */
  public int replayedRequests() {
    return replayed.get();
  }

  /**
   * Every intent, charge attempt and refund made so far, each with the {@code order_id} of its
   * intent's metadata: what an auditor compares with the order and payment databases.
   */
  public ObjectNode ledger() {
    var ledger = NODES.objectNode();
    var intentList = ledger.putArray("payment_intents");
    for (String id : intentsInOrder) {
      var intent = copy(intents.get(id));
      var entry = intentList.addObject();
      entry.put("id", id);
      entry.set("status", intent.get("status"));
      entry.set("amount", intent.get("amount"));
      entry.set("amount_received", intent.get("amount_received"));
      entry.set("currency", intent.get("currency"));
      entry.set("order_id", intent.at("/metadata/order_id"));
      entry.set("metadata", intent.get("metadata"));
      entry.set("latest_charge", intent.get("latest_charge"));
      entry.set("created", intent.get("created"));
    }
    var chargeList = ledger.putArray("charges");
    List<ObjectNode> chargesNow;
    synchronized (charges) {
      chargesNow = List.copyOf(charges.values());
    }
    for (var stored : chargesNow) {
      var charge = copy(stored);
      var entry = chargeList.addObject();
      for (String field :
          List.of(
              "id",
              "status",
              "amount",
              "amount_captured",
              "amount_refunded",
              "refunded",
              "currency",
              "payment_intent",
              "failure_code",
              "created")) {
        entry.set(field, charge.get(field));
      }
      entry.set("order_id", charge.at("/metadata/order_id"));
    }
    var refundList = ledger.putArray("refunds");
    refundsByIntent.values().stream()
        .map(StripeEmulator::copy)
        .sorted(
            java.util.Comparator.comparingLong((ObjectNode r) -> r.get("created").asLong())
                .thenComparing(r -> r.get("id").asText()))
        .forEach(
            refund -> {
              var entry = refundList.addObject();
              for (String field :
                  List.of(
                      "id",
                      "status",
                      "amount",
                      "currency",
                      "charge",
                      "payment_intent",
                      "created")) {
                entry.set(field, refund.get(field));
              }
              var intent = intents.get(refund.get("payment_intent").asText());
              entry.set("order_id", copy(intent).at("/metadata/order_id"));
            });
    return ledger;
  }

  /** Refunds an intent as if someone did it in Stripe's dashboard (audit tests break state). */
  public ObjectNode refundOutsideTheSystem(String intentId) {
    var params = new TreeMap<String, String>();
    params.put("payment_intent", intentId);
    return createRefund(null, params).body();
  }

  /** An API call, subject to the fault switches: 500 before it runs, or no answer after it ran. */
  private void api(Context ctx, Runnable call) {
    var fault = faults.next(ctx.method() == io.javalin.http.HandlerType.POST);
    if (fault == Faults.ApiFault.SERVER_ERROR) {
      log.info("fault: answering {} {} with 500", ctx.method(), ctx.path());
      throw new StripeError(
          500, "api_error", null, "An unexpected error occurred (emulated fault).", null);
    }
    RuntimeException refusal = null;
    try {
      call.run();
    } catch (RuntimeException e) {
      refusal = e; // a decline is an answer too: it can be late or lost like any other
    }
    sleep(faults.apiDelay);
    if (fault == Faults.ApiFault.LOSE_ANSWER) {
      log.info(
          "fault: {} {} done, cutting the connection before the answer", ctx.method(), ctx.path());
      cutConnection(ctx);
      return;
    }
    if (refusal != null) {
      throw refusal;
    }
  }

  /** Closes the TCP connection under the request, so the client reads no answer at all. */
  private static void cutConnection(Context ctx) {
    ctx.status(200).result(""); // whatever was prepared must not reach the client
    org.eclipse.jetty.ee10.servlet.ServletContextRequest.getServletContextRequest(ctx.req())
        .getConnectionMetaData()
        .getConnection()
        .getEndPoint()
        .close();
  }

  private static void sleep(java.time.Duration duration) {
    if (duration.isZero() || duration.isNegative()) {
      return;
    }
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void switchFaults(Context ctx) throws JsonProcessingException {
    try {
      faults.apply(JSON.readTree(ctx.body().isBlank() ? "{}" : ctx.body()));
    } catch (IllegalArgumentException e) {
      throw new StripeError(400, "invalid_request_error", null, e.getMessage(), null);
    }
    respond(ctx, 200, faults.describe());
  }

  private static final java.util.regex.Pattern METADATA_EQUALS =
      java.util.regex.Pattern.compile(
          "\\s*metadata\\[['\"]([^'\"]+)['\"]\\]\\s*:\\s*['\"]([^'\"]*)['\"]\\s*");

  /**
   * Stripe's Search API for the one query OrderPay needs, {@code metadata['key']:'value'}: newest
   * first, {@code limit} (default 10, at most 100) per page, {@code page} from {@code next_page}.
   */
  private void searchIntents(Context ctx) {
    String query = ctx.queryParam("query");
    var matcher = METADATA_EQUALS.matcher(query == null ? "" : query);
    if (!matcher.matches()) {
      throw new StripeError(
          400,
          "invalid_request_error",
          "parameter_invalid_string",
          "The emulator searches only metadata['key']:'value', not: " + query,
          null);
    }
    String key = matcher.group(1);
    String value = matcher.group(2);
    int limit =
        Math.clamp(
            Long.parseLong(ctx.queryParamAsClass("limit", String.class).getOrDefault("10")),
            1,
            100);
    int offset = Integer.parseInt(ctx.queryParamAsClass("page", String.class).getOrDefault("0"));
    var found =
        intentsInOrder.stream()
            .map(id -> copy(intents.get(id)))
            .filter(intent -> value.equals(intent.path("metadata").path(key).asText(null)))
            .sorted(
                java.util.Comparator.comparingLong((ObjectNode i) -> i.get("created").asLong())
                    .reversed())
            .toList();
    var result = NODES.objectNode();
    result.put("object", "search_result");
    result.put("url", "/v1/payment_intents/search");
    var data = result.putArray("data");
    found.stream().skip(offset).limit(limit).forEach(data::add);
    boolean more = offset + limit < found.size();
    result.put("has_more", more);
    if (more) {
      result.put("next_page", Integer.toString(offset + limit));
    } else {
      result.putNull("next_page");
    }
    result.put("total_count", found.size());
    respond(ctx, 200, result);
  }

  private ObjectNode retrieveIntent(Context ctx) {
    var intent = intent(ctx.pathParam("id"));
    if (publishable(ctx)) {
      checkClientSecret(intent, ctx.queryParam("client_secret"));
    }
    return intent;
  }

  /**
   * Secret keys may do anything; a publishable key (what Stripe.js in the customer's browser has)
   * only retrieves and confirms an intent whose client secret it presents.
   */
  private void authenticate(Context ctx) {
    String key = apiKey(ctx.header("Authorization"));
    if (key.startsWith("pk_test_")) {
      boolean clientCall =
          ctx.path().startsWith("/v1/payment_intents/")
              && (ctx.method() == io.javalin.http.HandlerType.GET
                  || ctx.path().endsWith("/confirm"));
      if (clientCall && !ctx.path().endsWith("/search")) {
        ctx.attribute("publishable", true);
        return;
      }
      throw new StripeError(
          401,
          "invalid_request_error",
          null,
          "This API call cannot be made with a publishable API key.",
          null);
    }
    if (!key.startsWith("sk_test_")) {
      throw new StripeError(401, "invalid_request_error", null, "Invalid API Key provided", null);
    }
  }

  /**
   * The key from {@code Bearer <key>} or, as Stripe also accepts ({@code curl -u sk_test_...:}),
   * HTTP Basic with the key as the user name and no password; "" when there is neither.
   */
  static String apiKey(String authorization) {
    if (authorization == null) {
      return "";
    }
    if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).strip();
    }
    if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String user =
            new String(
                java.util.Base64.getDecoder().decode(authorization.substring(6).strip()),
                java.nio.charset.StandardCharsets.UTF_8);
        int colon = user.indexOf(':');
        return colon < 0 ? user : user.substring(0, colon);
      } catch (IllegalArgumentException notBase64) {
        return "";
      }
    }
    return "";
  }

  private static boolean publishable(Context ctx) {
    return Boolean.TRUE.equals(ctx.attribute("publishable"));
  }

  private static void checkClientSecret(ObjectNode intent, String clientSecret) {
    if (clientSecret == null || !clientSecret.equals(intent.get("client_secret").asText())) {
      throw new StripeError(
          400,
          "invalid_request_error",
          "payment_intent_invalid_parameter",
          "The client_secret provided does not match any associated PaymentIntent on this account.",
          null);
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
        replayed.incrementAndGet();
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
    intent.set("metadata", metadata(params));
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
    intentsInOrder.add(id);
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
    if (publishable(ctx)) {
      checkClientSecret(copy(intent), params.get("client_secret"));
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
          recordCharge(intent, "failed");
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
    intent.put("latest_charge", recordCharge(intent, "succeeded"));
    send("payment_intent.succeeded", intent);
  }

  /** A charge attempt on the intent's card, kept for the ledger; returns its id. */
  private String recordCharge(ObjectNode intent, String status) {
    var charge = NODES.objectNode();
    String id = "ch_" + random(24);
    boolean succeeded = status.equals("succeeded");
    long amount = intent.get("amount").asLong();
    charge.put("id", id);
    charge.put("object", "charge");
    charge.put("amount", amount);
    charge.put("amount_captured", succeeded ? amount : 0);
    charge.put("amount_refunded", 0);
    charge.put("captured", succeeded);
    charge.put("created", now());
    charge.put("currency", intent.get("currency").asText());
    if (succeeded) {
      charge.putNull("failure_code");
      charge.putNull("failure_message");
    } else {
      charge.put("failure_code", "card_declined");
      charge.put("failure_message", "Your card was declined.");
    }
    charge.put("livemode", false);
    charge.set("metadata", intent.get("metadata").deepCopy());
    charge.put("paid", succeeded);
    charge.put("payment_intent", intent.get("id").asText());
    charge.set("payment_method", intent.get("payment_method"));
    charge.put("refunded", false);
    charge.put("status", status);
    charges.put(id, charge);
    return id;
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
      refund.set("metadata", metadata(params));
      refund.put("payment_intent", intentId);
      refund.putNull("reason");
      refund.putNull("receipt_number");
      refund.putNull("source_transfer_reversal");
      refund.put("status", "succeeded");
      refund.putNull("transfer_reversal");
      refundsByIntent.put(intentId, refund);
      var charge = charges.get(intent.get("latest_charge").asText());
      synchronized (charge) {
        charge.put("amount_refunded", refund.get("amount").asLong());
        charge.put("refunded", true);
      }
      send("charge.refunded", charge);
      return new Answer(200, refund.deepCopy());
    }
  }

  /** {@code metadata[key]=value} form parameters as Stripe's metadata object. */
  private static ObjectNode metadata(Map<String, String> params) {
    var metadata = NODES.objectNode();
    params.forEach(
        (name, value) -> {
          if (name.startsWith("metadata[") && name.endsWith("]")) {
            metadata.put(name.substring(9, name.length() - 1), value);
          }
        });
    return metadata;
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
