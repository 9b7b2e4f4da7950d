package orderpay.apps.stripe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for the part of Stripe's API OrderPay uses: payment_intents (create, retrieve,
 * list, search, confirm, cancel) and refunds, with Stripe's test payment methods, Idempotency-Key
 * replay, objects shaped like Stripe's own, and signed webhook events sent to a configured URL.
 *
 * <p>This class is the HTTP side (routes, keys, faults); {@link PaymentIntents} keeps the state,
 * {@link IdempotencyStore} the answers to replay, {@link StripeViews} the shape of the objects.
 *
 * <p>For a storefront's browser it also serves, at {@code /v3/}, a stand-in for the few calls of
 * Stripe.js the storefront makes (its Payment Element confirms with one of Stripe's test payment
 * methods through this emulator; ADR 15 says what that does not prove), and answers that browser's
 * calls from the origins {@link #allowBrowserOrigins} names, and from no other.
 */
public final class StripeEmulator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StripeEmulator.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern METADATA_EQUALS =
      Pattern.compile("\\s*metadata\\[['\"]([^'\"]+)['\"]\\]\\s*:\\s*['\"]([^'\"]*)['\"]\\s*");

  private final Faults faults;
  private final FaultInjection faultInjection;
  private final WebhookSender webhooks;
  private final PaymentIntents intents;
  private final IdempotencyStore idempotency = new IdempotencyStore();
  private final byte[] stripeJs = StripeJsStandIn.script();
  private volatile Set<String> browserOrigins = Set.of();
  private final Javalin app;

  private StripeEmulator(Faults faults, WebhookSender webhooks, String host, int port) {
    this.faults = faults;
    this.faultInjection = new FaultInjection(faults);
    this.webhooks = webhooks;
    this.intents = new PaymentIntents(webhooks);
    this.app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.concurrency.useVirtualThreads = true;
              config.routes.before("/v1/*", this::browserOrigin);
              config.routes.before("/v1/*", ApiKeys::authenticate);
              config.routes.get("/v3", this::serveStripeJs);
              config.routes.get("/v3/", this::serveStripeJs);
              config.routes.post(
                  "/v1/payment_intents", changing((ctx, params) -> intents.create(params)));
              config.routes.get(
                  IntentList.URL,
                  reading(
                      ctx ->
                          IntentList.page(
                              ctx, intents.newestFirst(), intents::intent, intents::charge)));
              // registered before {id}, so "search" is not taken for an intent id
              config.routes.get("/v1/payment_intents/search", reading(this::searchIntents));
              config.routes.get("/v1/payment_intents/{id}", reading(this::retrieveIntent));
              config.routes.post("/v1/payment_intents/{id}/confirm", changing(this::confirmIntent));
              config.routes.post(
                  "/v1/payment_intents/{id}/cancel",
                  changing((ctx, params) -> intents.cancel(ctx.pathParam("id"), params)));
              config.routes.post("/v1/refunds", changing((ctx, params) -> intents.refund(params)));
              config.routes.get(
                  "/v1/payment_methods/{id}",
                  reading(ctx -> TestCards.paymentMethod(ctx.pathParam("id"))));
              // not Stripe's API: what an auditor reads, and the fault switches
              config.routes.get("/_emulator/ledger", ctx -> respond(ctx, 200, ledger()));
              config.routes.get("/_emulator/faults", ctx -> respond(ctx, 200, faults.describe()));
              config.routes.post("/_emulator/faults", this::switchFaults);
              // test helper: the customer completes 3-D Secure
              config.routes.post(
                  "/_emulator/payment_intents/{id}/authenticate",
                  ctx -> respond(ctx, 200, intents.completeAuthentication(ctx.pathParam("id"))));
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

  /**
   * The event types the webhook endpoint subscribes to, as a Stripe endpoint's {@code
   * enabled_events}: only those are sent. {@code *} (every event) until this is called, as on
   * Stripe.
   */
  public void enableWebhookEvents(Set<String> eventTypes) {
    webhooks.enable(eventTypes);
  }

  /**
   * The web pages (origins such as {@code http://127.0.0.1:8080}) whose browsers may call the API
   * with a publishable key, as Stripe.js does from the shop's page; a browser call from any other
   * origin is refused. Settable after start, since the gateway may start after the emulator.
   */
  public void allowBrowserOrigins(Set<String> origins) {
    browserOrigins = Set.copyOf(origins);
  }

  /** Where a page loads the stand-in for Stripe.js from (its {@code STRIPE_JS_URL}). */
  public String stripeJsUrl() {
    return apiBase() + "/v3/";
  }

  public Faults faults() {
    return faults;
  }

  public int intentCount() {
    return intents.count();
  }

  /** How much of the intent's charge was refunded (0 if none). */
  public long refundedAmount(String intentId) {
    return intents.refundedAmount(intentId);
  }

  /** The customer finishes 3-D Secure for the intent (what Stripe.js would do in a browser). */
  public ObjectNode completeAuthentication(String intentId) {
    return intents.completeAuthentication(intentId);
  }

  /** A payment intent as Stripe would show it now (tests compare against it). */
  public ObjectNode intent(String id) {
    return intents.intent(id);
  }

  /** Builds a signed-ready event for an intent's current state (tests replay and reorder these). */
  public String eventJson(String type, ObjectNode object) {
    return StripeViews.event(type, object).toString();
  }

  /** How many requests were answered from a stored Idempotency-Key answer (client retries). */
  public int replayedRequests() {
    return idempotency.replayedRequests();
  }

  /**
   * Every intent, charge attempt and refund made so far, each with the {@code order_id} of its
   * intent's metadata: what an auditor compares with the order and payment databases.
   */
  public ObjectNode ledger() {
    return intents.ledger();
  }

  /** Refunds an intent as if someone did it in Stripe's dashboard (audit tests break state). */
  public ObjectNode refundOutsideTheSystem(String intentId) {
    var params = new TreeMap<String, String>();
    params.put("payment_intent", intentId);
    return intents.refund(params);
  }

  /** Browsers send Origin: one of the allowed pages is answered (CORS), any other refused. */
  private void browserOrigin(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin == null) {
      return; // a server (stripe-java), not a browser
    }
    if (!browserOrigins.contains(origin)) {
      throw new StripeError(
          403,
          "invalid_request_error",
          null,
          "The emulator answers browsers on the shop's page only, not on " + origin + ".",
          null);
    }
    ctx.header("Access-Control-Allow-Origin", origin).header("Vary", "Origin");
  }

  private void serveStripeJs(Context ctx) {
    ctx.header("Cache-Control", "no-cache")
        .header("X-Content-Type-Options", "nosniff")
        .contentType("text/javascript; charset=utf-8")
        .result(stripeJs);
  }

  /** A call that only reads: subject to the fault switches. */
  private Handler reading(Function<Context, ObjectNode> read) {
    return ctx -> faultInjection.call(ctx, () -> respond(ctx, 200, read.apply(ctx)));
  }

  /** A call that changes state: subject to the fault switches, replayed for a reused key. */
  private Handler changing(BiFunction<Context, Map<String, String>, ObjectNode> operation) {
    return ctx -> faultInjection.call(ctx, () -> idempotent(ctx, operation));
  }

  private void switchFaults(Context ctx) throws JsonProcessingException {
    try {
      faults.apply(JSON.readTree(ctx.body().isBlank() ? "{}" : ctx.body()));
    } catch (IllegalArgumentException e) {
      throw new StripeError(400, "invalid_request_error", null, e.getMessage(), null);
    }
    respond(ctx, 200, faults.describe());
  }

  /**
   * Stripe's Search API for the one query OrderPay needs, {@code metadata['key']:'value'}: newest
   * first, {@code limit} (default 10, at most 100) per page, {@code page} from {@code next_page}.
   */
  private ObjectNode searchIntents(Context ctx) {
    String query = ctx.queryParam("query");
    var matcher = METADATA_EQUALS.matcher(query == null ? "" : query);
    if (!matcher.matches()) {
      throw StripeError.invalidRequest(
          "parameter_invalid_string",
          "The emulator searches only metadata['key']:'value', not: " + query);
    }
    int limit = (int) Math.clamp(QueryNumbers.wholeNumber(ctx, "limit", 10), 1, 100);
    int offset = (int) Math.min(QueryNumbers.wholeNumber(ctx, "page", 0), Integer.MAX_VALUE);
    var found = intents.withMetadata(matcher.group(1), matcher.group(2));
    return StripeViews.searchPage("/v1/payment_intents/search", found, offset, limit);
  }

  private ObjectNode retrieveIntent(Context ctx) {
    var intent = intents.intent(ctx.pathParam("id"));
    if (ApiKeys.publishable(ctx)) {
      PaymentIntents.requireClientSecret(intent, ctx.queryParam("client_secret"));
    }
    return intent;
  }

  private ObjectNode confirmIntent(Context ctx, Map<String, String> params) {
    return intents.confirm(ctx.pathParam("id"), params, ApiKeys.publishable(ctx));
  }

  /** Answers from the form parameters, or with the stored answer for a reused Idempotency-Key. */
  private void idempotent(
      Context ctx, BiFunction<Context, Map<String, String>, ObjectNode> operation) {
    var params = FormParams.parse(ctx.body());
    var response =
        idempotency.answer(
            ctx.path(), ctx.header("Idempotency-Key"), params, () -> operation.apply(ctx, params));
    if (response.replayed()) {
      ctx.header("Idempotent-Replayed", "true");
    }
    ctx.status(response.status()).contentType("application/json").result(response.body());
  }

  private static void respond(Context ctx, int status, ObjectNode body) {
    ctx.status(status).contentType("application/json").result(body.toString());
  }

  @Override
  public void close() {
    app.stop();
    webhooks.close();
  }
}
