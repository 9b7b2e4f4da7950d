package orderpay.apps.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.StripeException;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentConfirmParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentSearchParams;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import orderpay.adapters.stripe.StripePaymentProvider;
import orderpay.adapters.stripe.StripeWebhookVerifier;
import orderpay.domain.money.Money;
import orderpay.domain.payment.PaymentStatus;
import orderpay.domain.payment.ProviderEvent;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;
import orderpay.domain.testing.Eventually;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real stripe-java adapter against the emulator, and the emulator's signed webhooks. */
class StripeEmulatorTest {
  private static final String SECRET = "whsec_test_" + System.nanoTime();
  private static final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private static HttpServer receiver;
  private static StripeEmulator emulator;
  private static StripePaymentProvider stripe;
  private static final StripeWebhookVerifier verifier =
      new StripeWebhookVerifier(SECRET, Clock.systemUTC());

  record Delivery(String body, String signature) {}

  @BeforeAll
  static void start() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/webhook",
        exchange -> {
          deliveries.add(
              new Delivery(
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                  exchange.getRequestHeaders().getFirst("Stripe-Signature")));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    receiver.start();
    emulator =
        StripeEmulator.start(
            "127.0.0.1",
            0,
            "http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhook",
            SECRET,
            new Faults());
    stripe = StripePaymentProvider.connect("sk_test_emulator", emulator.apiBase());
  }

  @AfterAll
  static void stop() {
    emulator.close();
    receiver.stop(0);
  }

  @BeforeEach
  void resetFaults() {
    emulator.faults().reset();
    emulator.enableWebhookEvents(Set.of("*"));
  }

  /** The verified events delivered for the intent, once {@code done} holds for them. */
  private static List<ProviderEvent> eventsFor(
      String intentId, Predicate<List<ProviderEvent>> done) {
    var seen = new AtomicReference<List<ProviderEvent>>();
    Eventually.await(
        "the webhooks of " + intentId,
        Duration.ofSeconds(10),
        () -> {
          seen.set(delivered(intentId));
          return done.test(seen.get());
        });
    return seen.get();
  }

  private static List<ProviderEvent> delivered(String intentId) {
    return deliveries.stream()
        .map(d -> verifier.verify(d.body().getBytes(StandardCharsets.UTF_8), d.signature()))
        .filter(e -> intentId.equals(e.providerPaymentId()))
        .toList();
  }

  @Test
  void aVisaPaymentSucceedsAndIsAnnouncedWithAValidSignature() throws Exception {
    var intent =
        stripe.createIntent(
            "key-visa-" + System.nanoTime(), Money.of(2599, "EUR"), "pm_card_visa", "order-1");
    assertThat(intent.status()).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(intent.providerPaymentId()).startsWith("pi_");
    assertThat(intent.clientSecret()).startsWith(intent.providerPaymentId() + "_secret_");
    var events = eventsFor(intent.providerPaymentId(), e -> !e.isEmpty());
    assertThat(events).extracting(ProviderEvent::type).containsExactly("payment_intent.succeeded");
    assertThat(emulator.intent(intent.providerPaymentId()).at("/metadata/order_id").asText())
        .isEqualTo("order-1");
  }

  @Test
  void anEndpointGetsOnlyTheEventsItSubscribedTo() throws Exception {
    var everything =
        stripe.createIntent(
            "key-all-" + System.nanoTime(), Money.of(100, "EUR"), "pm_card_visa", "order-2");
    Eventually.await(
        "payment_intent.created, sent while every event is enabled (Stripe's default)",
        Duration.ofSeconds(10),
        () -> typesDelivered(everything.providerPaymentId()).contains("payment_intent.created"));

    emulator.enableWebhookEvents(StripeWebhookVerifier.SUBSCRIBED_EVENTS);
    var subscribed =
        stripe.createIntent(
            "key-subscribed-" + System.nanoTime(), Money.of(100, "EUR"), "pm_card_visa", "o-3");
    eventsFor(subscribed.providerPaymentId(), e -> !e.isEmpty());
    assertThat(typesDelivered(subscribed.providerPaymentId()))
        .containsExactly("payment_intent.succeeded");
  }

  /** The type of every event delivered about the intent, whatever the verifier makes of it. */
  private static List<String> typesDelivered(String intentId) {
    return deliveries.stream()
        .map(d -> read(d.body()))
        .filter(event -> intentId.equals(event.at("/data/object/id").asText()))
        .map(event -> event.get("type").asText())
        .toList();
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aDeclineIsAFailedIntentWithTheReasonNotAnError() throws Exception {
    var intent =
        stripe.createIntent(
            "key-decline-" + System.nanoTime(),
            Money.of(500, "EUR"),
            "pm_card_chargeDeclined",
            "o");
    assertThat(intent.status()).isEqualTo(PaymentStatus.FAILED);
    assertThat(intent.failureReason()).isEqualTo("generic_decline");
    var events = eventsFor(intent.providerPaymentId(), e -> !e.isEmpty());
    assertThat(events)
        .singleElement()
        .satisfies(e -> assertThat(e.status()).contains(PaymentStatus.FAILED));
  }

  @Test
  void threeDSecureAsksForActionThenSucceeds() throws Exception {
    var intent =
        stripe.createIntent(
            "key-3ds-" + System.nanoTime(),
            Money.of(700, "EUR"),
            "pm_card_threeDSecure2Required",
            "o");
    assertThat(intent.status()).isEqualTo(PaymentStatus.REQUIRES_ACTION);
    assertThat(stripe.retrieve(intent.providerPaymentId()).status())
        .isEqualTo(PaymentStatus.REQUIRES_ACTION);
  }

  @Test
  void theSameIdempotencyKeyCreatesOneIntentAndOtherParametersAreRefused() {
    String key = "key-idem-" + System.nanoTime();
    int before = emulator.intentCount();
    var first = stripe.createIntent(key, Money.of(1000, "EUR"), "pm_card_visa", "o");
    var again = stripe.createIntent(key, Money.of(1000, "EUR"), "pm_card_visa", "o");
    assertThat(again.providerPaymentId()).isEqualTo(first.providerPaymentId());
    assertThat(emulator.intentCount()).isEqualTo(before + 1);
    assertThatThrownBy(() -> stripe.createIntent(key, Money.of(2000, "EUR"), "pm_card_visa", "o"))
        .isInstanceOf(DomainException.class);
  }

  @Test
  void withoutAPaymentMethodTheClientSecretIsForClientSideConfirmation() {
    var intent =
        stripe.createIntent("key-client-" + System.nanoTime(), Money.of(1000, "USD"), null, "o");
    assertThat(intent.status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(intent.clientSecret()).isNotBlank();
  }

  @Test
  void cancelAndRefundFollowStripesRules() throws Exception {
    var open =
        stripe.createIntent("key-open-" + System.nanoTime(), Money.of(1000, "EUR"), null, "o");
    assertThat(stripe.cancel(open.providerPaymentId(), "cancel-" + System.nanoTime()).status())
        .isEqualTo(PaymentStatus.CANCELLED);

    var paid =
        stripe.createIntent(
            "key-paid-" + System.nanoTime(), Money.of(1000, "EUR"), "pm_card_visa", "o");
    // cancelling a succeeded intent is refused by Stripe; the adapter reports where it is
    assertThat(stripe.cancel(paid.providerPaymentId(), "cancel-" + System.nanoTime()).status())
        .isEqualTo(PaymentStatus.SUCCEEDED);
    String refundKey = "refund-" + System.nanoTime();
    assertThat(stripe.refund(paid.providerPaymentId(), refundKey).status())
        .isEqualTo(PaymentStatus.REFUNDED);
    assertThat(stripe.refund(paid.providerPaymentId(), refundKey).status())
        .isEqualTo(PaymentStatus.REFUNDED);
    var events = eventsFor(paid.providerPaymentId(), e -> e.size() >= 2);
    assertThat(events)
        .extracting(ProviderEvent::type)
        .containsExactly("payment_intent.succeeded", "charge.refunded");
  }

  @Test
  void unknownPaymentMethodsAreInvalidRequests() {
    assertThatThrownBy(
            () ->
                stripe.createIntent(
                    "key-bad-" + System.nanoTime(), Money.of(1000, "EUR"), "pm_nope", "o"))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.reason()).isEqualTo("invalid_request"));
  }

  @Test
  void duplicatedDeliveriesAreTwoPostsOfOneEvent() throws Exception {
    emulator.faults().duplicate = true;
    var intent =
        stripe.createIntent(
            "key-dup-" + System.nanoTime(), Money.of(300, "EUR"), "pm_card_visa", "o");
    var events = eventsFor(intent.providerPaymentId(), e -> e.size() >= 2);
    assertThat(events).hasSize(2);
    assertThat(events.get(0).eventId()).isEqualTo(events.get(1).eventId());
  }

  @Test
  void theVerifierRefusesTamperedStaleAndUnsignedEvents() {
    String event =
        emulator.eventJson(
            "payment_intent.succeeded",
            emulator.intent(
                stripe
                    .createIntent("key-sig-" + System.nanoTime(), Money.of(300, "EUR"), null, "o")
                    .providerPaymentId()));
    long now = System.currentTimeMillis() / 1000;
    byte[] body = event.getBytes(StandardCharsets.UTF_8);
    assertThat(verifier.verify(body, WebhookSignature.header(event, SECRET, now)).status())
        .contains(PaymentStatus.SUCCEEDED);
    assertThatThrownBy(
            () -> verifier.verify(body, WebhookSignature.header(event, "whsec_wrong", now)))
        .isInstanceOf(DomainException.class);
    assertThatThrownBy(
            () -> verifier.verify(body, WebhookSignature.header(event, SECRET, now - 301)))
        .isInstanceOf(DomainException.class);
    byte[] tampered =
        event.replace("\"amount\":300", "\"amount\":1").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> verifier.verify(tampered, WebhookSignature.header(event, SECRET, now)))
        .isInstanceOf(DomainException.class);
    assertThatThrownBy(() -> verifier.verify(body, null)).isInstanceOf(DomainException.class);
    assertThatThrownBy(
            () ->
                verifier.verify(
                    "not json".getBytes(StandardCharsets.UTF_8),
                    WebhookSignature.header("not json", SECRET, now)))
        .isInstanceOf(DomainException.class);
    assertThat(Duration.ofSeconds(StripeWebhookVerifier.TOLERANCE_SECONDS))
        .isEqualTo(Duration.ofMinutes(5));
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient http = HttpClient.newHttpClient();

  /** stripe-java as the adapter builds it, but with our own retries and read timeout. */
  private static StripeClient client(int retries, int readTimeoutMillis) {
    return StripeClient.builder()
        .setApiKey("sk_test_emulator")
        .setApiBase(emulator.apiBase())
        .setMaxNetworkRetries(retries)
        .setReadTimeout(readTimeoutMillis)
        .build();
  }

  private static JsonNode getJson(String path) throws Exception {
    var response =
        http.send(
            HttpRequest.newBuilder(URI.create(emulator.apiBase() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static List<JsonNode> ledgerEntries(String kind, String orderId) throws Exception {
    var entries = new java.util.ArrayList<JsonNode>();
    getJson("/_emulator/ledger")
        .get(kind)
        .forEach(
            entry -> {
              if (orderId.equals(entry.path("order_id").asText())) {
                entries.add(entry);
              }
            });
    return entries;
  }

  private static String orderId() {
    return java.util.UUID.randomUUID().toString();
  }

  @Test
  void theLedgerListsEveryIntentChargeAttemptAndRefundWithItsOrder() throws Exception {
    String order = orderId();
    var declined =
        stripe.createIntent(
            "key-ledger-d-" + order, Money.of(1200, "EUR"), "pm_card_chargeDeclined", order);
    var paid =
        stripe.createIntent("key-ledger-p-" + order, Money.of(1200, "EUR"), "pm_card_visa", order);
    stripe.refund(paid.providerPaymentId(), "key-ledger-r-" + order);

    assertThat(ledgerEntries("payment_intents", order))
        .extracting(i -> i.get("id").asText() + ":" + i.get("status").asText())
        .containsExactly(
            declined.providerPaymentId() + ":requires_payment_method",
            paid.providerPaymentId() + ":succeeded");
    var charges = ledgerEntries("charges", order);
    assertThat(charges)
        .extracting(
            c ->
                c.get("payment_intent").asText()
                    + ":"
                    + c.get("status").asText()
                    + ":"
                    + c.get("amount").asLong()
                    + ":"
                    + c.get("amount_refunded").asLong())
        .containsExactly(
            declined.providerPaymentId() + ":failed:1200:0",
            paid.providerPaymentId() + ":succeeded:1200:1200");
    var refunds = ledgerEntries("refunds", order);
    assertThat(refunds).singleElement();
    assertThat(refunds.get(0).get("payment_intent").asText()).isEqualTo(paid.providerPaymentId());
    assertThat(refunds.get(0).get("charge").asText()).isEqualTo(charges.get(1).get("id").asText());
    assertThat(refunds.get(0).get("amount").asLong()).isEqualTo(1200);
  }

  @Test
  void searchFindsTheIntentsOfAnOrderThroughStripeJava() throws Exception {
    String order = orderId();
    var first = stripe.createIntent("key-search-1-" + order, Money.of(800, "EUR"), null, order);
    var second =
        stripe.createIntent("key-search-2-" + order, Money.of(800, "EUR"), "pm_card_visa", order);
    stripe.createIntent("key-search-other-" + order, Money.of(800, "EUR"), null, orderId());

    var found =
        client(0, 5_000)
            .paymentIntents()
            .search(
                PaymentIntentSearchParams.builder()
                    .setQuery("metadata['order_id']:'" + order + "'")
                    .build());
    assertThat(found.getData())
        .extracting(com.stripe.model.PaymentIntent::getId)
        .containsExactlyInAnyOrder(first.providerPaymentId(), second.providerPaymentId());
    assertThat(found.getHasMore()).isFalse();

    var onePage =
        client(0, 5_000)
            .paymentIntents()
            .search(
                PaymentIntentSearchParams.builder()
                    .setQuery("metadata[\"order_id\"]:\"" + order + "\"")
                    .setLimit(1L)
                    .build());
    assertThat(onePage.getData()).hasSize(1);
    assertThat(onePage.getHasMore()).isTrue();
    assertThat(onePage.getNextPage()).isNotBlank();
  }

  @Test
  void aServerErrorChangesNothingAndStripeJavaRetriesIt() throws Exception {
    String order = orderId();
    int injected = emulator.faults().injectedApiFaults();
    emulator.faults().failNext(1);
    // the adapter's client retries a 500 with the same Idempotency-Key: one intent
    var intent =
        stripe.createIntent("key-500-" + order, Money.of(900, "EUR"), "pm_card_visa", order);
    assertThat(intent.status()).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(emulator.faults().injectedApiFaults()).isEqualTo(injected + 1);
    assertThat(ledgerEntries("payment_intents", order)).hasSize(1);

    emulator.faults().failNext(1);
    assertThatThrownBy(
            () ->
                client(0, 5_000)
                    .paymentIntents()
                    .create(
                        PaymentIntentCreateParams.builder()
                            .setAmount(900L)
                            .setCurrency("eur")
                            .putMetadata("order_id", order)
                            .build()))
        .isInstanceOf(ApiException.class);
    assertThat(ledgerEntries("payment_intents", order)).hasSize(1);
  }

  @Test
  void aLostAnswerStillChargesAndTheSameKeyLaterGetsTheAnswer() throws Exception {
    String order = orderId();
    String key = "key-lost-" + order;
    // two: the JDK's HttpURLConnection silently resends a POST once when a pooled keep-alive
    // connection closes without an answer (sun.net.http.retryPost); stripe-java itself retries
    // only connect failures, read timeouts, 409 and 5xx, not a cut connection. So the payment
    // service sees "unavailable" although the card was charged.
    emulator.faults().loseNextAnswers(2);
    int faultsBefore = emulator.faults().injectedApiFaults();
    assertThatThrownBy(() -> stripe.createIntent(key, Money.of(4200, "EUR"), "pm_card_visa", order))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
    assertThat(emulator.faults().injectedApiFaults() - faultsBefore).isBetween(1, 2);
    emulator.faults().reset();
    var charges = ledgerEntries("charges", order);
    assertThat(charges).singleElement();
    assertThat(charges.get(0).get("status").asText()).isEqualTo("succeeded");
    String intentId = charges.get(0).get("payment_intent").asText();
    // the webhook went out all the same
    assertThat(eventsFor(intentId, e -> !e.isEmpty()))
        .extracting(ProviderEvent::type)
        .contains("payment_intent.succeeded");

    int replayed = emulator.replayedRequests();
    var again = stripe.createIntent(key, Money.of(4200, "EUR"), "pm_card_visa", order);
    assertThat(again.providerPaymentId()).isEqualTo(intentId);
    assertThat(again.status()).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(emulator.replayedRequests()).isEqualTo(replayed + 1);
    assertThat(ledgerEntries("charges", order)).hasSize(1);
  }

  @Test
  void aLateAnswerTimesTheClientOutAfterTheIntentWasMade() throws Exception {
    String order = orderId();
    emulator.faults().apiDelay = Duration.ofMillis(1_500);
    assertThatThrownBy(
            () ->
                client(0, 300)
                    .paymentIntents()
                    .create(
                        PaymentIntentCreateParams.builder()
                            .setAmount(700L)
                            .setCurrency("eur")
                            .setPaymentMethod("pm_card_visa")
                            .setConfirm(true)
                            .putMetadata("order_id", order)
                            .build(),
                        RequestOptions.builder().setIdempotencyKey("key-late-" + order).build()))
        .isInstanceOf(ApiConnectionException.class)
        .hasRootCauseInstanceOf(java.net.SocketTimeoutException.class);
    emulator.faults().apiDelay = Duration.ZERO;
    assertThat(ledgerEntries("charges", order))
        .singleElement()
        .satisfies(c -> assertThat(c.get("status").asText()).isEqualTo("succeeded"));
  }

  @Test
  void faultsAreSwitchedOverHttp() throws Exception {
    var switched =
        http.send(
            HttpRequest.newBuilder(URI.create(emulator.apiBase() + "/_emulator/faults"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"fail_next\":1,\"seed\":7}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(switched.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(switched.body()).get("fail_next").asInt()).isEqualTo(1);
    var failed =
        http.send(
            HttpRequest.newBuilder(URI.create(emulator.apiBase() + "/v1/payment_intents/pi_x"))
                .header("Authorization", "Bearer sk_test_x")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(JSON.readTree(failed.body()).at("/error/type").asText()).isEqualTo("api_error");
    assertThat(getJson("/_emulator/faults").get("fail_next").asInt()).isZero();
    var refused =
        http.send(
            HttpRequest.newBuilder(URI.create(emulator.apiBase() + "/_emulator/faults"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"lost_answer_rate\":2}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(400);
  }

  /** Any test-mode key shape will do for the emulator; made up per run, never a real key. */
  private static final String TEST_KEY = "sk_test_" + UUID.randomUUID().toString().replace("-", "");

  @Test
  void theSecretKeyWorksAsHttpBasicUserAsWithStripe() throws Exception {
    var basic =
        "Basic "
            + java.util.Base64.getEncoder()
                .encodeToString((TEST_KEY + ":").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    var listed =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(emulator.apiBase() + "/v1/payment_methods/pm_card_visa"))
                .header("Authorization", basic)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(listed.body()).get("object").asText()).isEqualTo("payment_method");

    var wrongKey =
        "Basic "
            + java.util.Base64.getEncoder()
                .encodeToString("nobody:secret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    for (String refused : List.of(wrongKey, "Basic not-base64!", "Bearer", TEST_KEY)) {
      var answer =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(emulator.apiBase() + "/v1/payment_methods/pm_card_visa"))
                  .header("Authorization", refused)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(refused).isEqualTo(401);
    }
  }

  @Test
  void aSearchWithAMalformedLimitOrPageIsAStripeShapedBadRequest() throws Exception {
    for (String query : List.of("&limit=ten", "&page=-1", "&limit=1.5")) {
      var answer =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          emulator.apiBase()
                              + "/v1/payment_intents/search?query=metadata%5B%27order_id%27%5D:%27x%27"
                              + query))
                  .header("Authorization", "Bearer " + TEST_KEY)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(query).isEqualTo(400);
      assertThat(JSON.readTree(answer.body()).at("/error/type").asText())
          .as(query)
          .isEqualTo("invalid_request_error");
    }
  }

  @Test
  void droppedWebhooksAreNeverDelivered() throws Exception {
    emulator.faults().drop = true;
    var dropped =
        stripe.createIntent(
            "key-drop-" + System.nanoTime(), Money.of(300, "EUR"), "pm_card_visa", "o");
    emulator.faults().drop = false;
    var delivered =
        stripe.createIntent(
            "key-kept-" + System.nanoTime(), Money.of(300, "EUR"), "pm_card_visa", "o");
    assertThat(eventsFor(delivered.providerPaymentId(), e -> !e.isEmpty())).isNotEmpty();
    assertThat(eventsFor(dropped.providerPaymentId(), e -> true)).isEmpty();
  }

  @Test
  void theCustomersBrowserConfirmsWithThePublishableKeyAndTheClientSecret() throws Exception {
    var open =
        stripe.createIntent("key-browser-" + System.nanoTime(), Money.of(1000, "EUR"), null, "o");
    var browser =
        StripeClient.builder().setApiKey("pk_test_browser").setApiBase(emulator.apiBase()).build();
    StripeException wrongSecret =
        org.junit.jupiter.api.Assertions.assertThrows(
            StripeException.class,
            () ->
                browser
                    .paymentIntents()
                    .confirm(
                        open.providerPaymentId(),
                        PaymentIntentConfirmParams.builder()
                            .setPaymentMethod("pm_card_visa")
                            .putExtraParam("client_secret", open.providerPaymentId() + "_secret_x")
                            .build()));
    assertThat(wrongSecret.getStatusCode()).isEqualTo(400);
    var confirmed =
        browser
            .paymentIntents()
            .confirm(
                open.providerPaymentId(),
                PaymentIntentConfirmParams.builder()
                    .setPaymentMethod("pm_card_visa")
                    .putExtraParam("client_secret", open.clientSecret())
                    .build());
    assertThat(confirmed.getStatus()).isEqualTo("succeeded");
    assertThatThrownBy(
            () ->
                browser
                    .paymentIntents()
                    .create(
                        PaymentIntentCreateParams.builder()
                            .setAmount(100L)
                            .setCurrency("eur")
                            .build()))
        .isInstanceOf(StripeException.class);
  }
}
