package orderpay.apps.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import orderpay.adapters.stripe.StripePaymentProvider;
import orderpay.adapters.stripe.StripeWebhookVerifier;
import orderpay.domain.money.Money;
import orderpay.domain.payment.PaymentStatus;
import orderpay.domain.payment.ProviderEvent;
import orderpay.domain.shared.DomainException;
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
  }

  private static List<ProviderEvent> eventsFor(String intentId, Predicate<List<ProviderEvent>> done)
      throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(10);
    while (true) {
      var events =
          deliveries.stream()
              .map(d -> verifier.verify(d.body().getBytes(StandardCharsets.UTF_8), d.signature()))
              .filter(e -> intentId.equals(e.providerPaymentId()))
              .toList();
      if (done.test(events) || Instant.now().isAfter(deadline)) {
        return events;
      }
      Thread.sleep(20);
    }
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
}
