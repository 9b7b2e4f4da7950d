package orderpay.adapters.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.Stripe;
import com.stripe.net.Webhook;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import orderpay.domain.payment.PaymentStatus;
import orderpay.domain.shared.DomainException;
import org.junit.jupiter.api.Test;

/** Signatures made with stripe-java's own HMAC, verified under one or several endpoint secrets. */
class StripeWebhookVerifierTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String EVENT =
      """
      {"id":"evt_rotation","object":"event","api_version":"%s","created":%d,"livemode":false,
       "pending_webhooks":1,"request":{"id":null,"idempotency_key":null},
       "type":"payment_intent.succeeded",
       "data":{"object":{"id":"pi_rotation","object":"payment_intent","amount":1000,
                         "currency":"eur","status":"succeeded"}}}
      """
          .formatted(Stripe.API_VERSION, NOW.getEpochSecond());

  private static String signature(String secret, Instant at) throws Exception {
    long t = at.getEpochSecond();
    return "t=" + t + ",v1=" + Webhook.Util.computeHmacSha256(secret, t + "." + EVENT);
  }

  private static byte[] payload() {
    return EVENT.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void duringRotationEitherSecretIsAccepted() throws Exception {
    var verifier = new StripeWebhookVerifier("whsec_old_one, whsec_new_one", CLOCK);
    for (String secret : new String[] {"whsec_old_one", "whsec_new_one"}) {
      var event = verifier.verify(payload(), signature(secret, NOW));
      assertThat(event.providerPaymentId()).isEqualTo("pi_rotation");
      assertThat(event.status()).isEqualTo(Optional.of(PaymentStatus.SUCCEEDED));
    }
  }

  @Test
  void aSecretNotInTheListIsRefused() {
    var verifier = new StripeWebhookVerifier("whsec_old_one,whsec_new_one", CLOCK);
    assertThatThrownBy(() -> verifier.verify(payload(), signature("whsec_someone_else", NOW)))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> assertThat(e.details()).containsEntry("field", "Stripe-Signature"));
  }

  @Test
  void aStaleSignatureIsRefusedUnderEverySecret() {
    var verifier = new StripeWebhookVerifier("whsec_old_one,whsec_new_one", CLOCK);
    assertThatThrownBy(
            () -> verifier.verify(payload(), signature("whsec_new_one", NOW.minusSeconds(301))))
        .isInstanceOf(DomainException.class);
  }

  @Test
  void aSingleSecretWorksAsBefore() throws Exception {
    var verifier = new StripeWebhookVerifier("whsec_only", CLOCK);
    assertThat(verifier.verify(payload(), signature("whsec_only", NOW)).providerPaymentId())
        .isEqualTo("pi_rotation");
    assertThatThrownBy(() -> verifier.verify(payload(), signature("whsec_old_one", NOW)))
        .isInstanceOf(DomainException.class);
  }

  /** The endpoint subscribes to exactly the events that move a payment, and to no other. */
  @Test
  void everySubscribedEventMovesAPaymentAndAnIgnoredOneIsNotSubscribed() throws Exception {
    var verifier = new StripeWebhookVerifier("whsec_only", CLOCK);
    for (String type : StripeWebhookVerifier.SUBSCRIBED_EVENTS) {
      String object =
          type.startsWith("charge.")
              ? """
                {"id":"ch_1","object":"charge","payment_intent":"pi_1","amount":1000,
                 "amount_refunded":1000,"currency":"eur"}"""
              : """
                {"id":"pi_1","object":"payment_intent","amount":1000,"currency":"eur",
                 "status":"succeeded"}""";
      assertThat(verifier.verify(bytes(event(type, object)), signed(event(type, object))).status())
          .as(type)
          .isPresent();
    }
    String created =
        event(
            "payment_intent.created",
            """
            {"id":"pi_1","object":"payment_intent","amount":1000,"currency":"eur",
             "status":"requires_payment_method"}""");
    assertThat(verifier.verify(bytes(created), signed(created)).status()).isEmpty();
    assertThat(StripeWebhookVerifier.SUBSCRIBED_EVENTS).doesNotContain("payment_intent.created");
  }

  private static String event(String type, String object) {
    return """
        {"id":"evt_%s","object":"event","api_version":"%s","created":%d,"livemode":false,
         "pending_webhooks":1,"request":{"id":null,"idempotency_key":null},
         "type":"%s","data":{"object":%s}}"""
        .formatted(type, Stripe.API_VERSION, NOW.getEpochSecond(), type, object);
  }

  private static byte[] bytes(String event) {
    return event.getBytes(StandardCharsets.UTF_8);
  }

  private static String signed(String event) throws Exception {
    long t = NOW.getEpochSecond();
    return "t=" + t + ",v1=" + Webhook.Util.computeHmacSha256("whsec_only", t + "." + event);
  }
}
