package orderpay.adapters.stripe;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeObject;
import com.stripe.net.Webhook;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import orderpay.domain.money.Money;
import orderpay.domain.payment.PaymentStatus;
import orderpay.domain.payment.ProviderEvent;
import orderpay.domain.payment.WebhookVerifier;
import orderpay.domain.shared.DomainException;

/**
 * Verifies the {@code Stripe-Signature} header over the raw bytes with stripe-java (HMAC-SHA256,
 * constant-time comparison, 300 s tolerance) and reads out what moves a payment.
 *
 * <p>The secret may be a comma-separated list: while a rotated endpoint secret is rolled out, an
 * event signed with either the old or the new one is accepted; drop the old one afterwards.
 */
public final class StripeWebhookVerifier implements WebhookVerifier {
  public static final long TOLERANCE_SECONDS = 300;

  /**
   * The event types that move a payment: the webhook endpoint subscribes to these alone (its {@code
   * enabled_events} in Stripe's dashboard or API). Any other is acknowledged and ignored, but each
   * still costs Stripe a delivery and us a request; {@code payment_intent.created} alone would be
   * one per order.
   */
  public static final Set<String> SUBSCRIBED_EVENTS =
      Set.of(
          "payment_intent.succeeded",
          "payment_intent.payment_failed",
          "payment_intent.canceled",
          "payment_intent.requires_action",
          "charge.refunded");

  private final List<String> secrets;
  private final Clock clock;

  public StripeWebhookVerifier(String secrets, Clock clock) {
    var listed =
        Arrays.stream(secrets.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    // a blank setting keeps its old meaning: one (empty) secret that verifies nothing real
    this.secrets = listed.isEmpty() ? List.of(secrets) : listed;
    this.clock = clock;
  }

  @Override
  public ProviderEvent verify(byte[] payload, String signatureHeader) {
    if (signatureHeader == null || signatureHeader.isBlank()) {
      throw DomainException.invalidField(
          "Stripe-Signature", "the Stripe-Signature header is missing");
    }
    Event event = constructEvent(new String(payload, StandardCharsets.UTF_8), signatureHeader);
    if (event.getId() == null || event.getType() == null) {
      throw DomainException.invalid("the webhook body is not a Stripe event");
    }
    StripeObject object = dataObject(event);
    return switch (event.getType()) {
      case "payment_intent.succeeded" -> moved(event, object, PaymentStatus.SUCCEEDED);
      case "payment_intent.payment_failed" -> moved(event, object, PaymentStatus.FAILED);
      case "payment_intent.canceled" -> moved(event, object, PaymentStatus.CANCELLED);
      case "payment_intent.requires_action" -> moved(event, object, PaymentStatus.REQUIRES_ACTION);
      case "charge.refunded" ->
          object instanceof Charge charge
              ? new ProviderEvent(
                  event.getId(),
                  event.getType(),
                  charge.getPaymentIntent(),
                  Optional.of(PaymentStatus.REFUNDED),
                  null,
                  charge.getMetadata() == null ? null : charge.getMetadata().get("order_id"),
                  money(charge.getAmount(), charge.getCurrency()),
                  charge.getAmountRefunded() == null ? 0 : charge.getAmountRefunded())
              : ignored(event);
      default -> ignored(event);
    };
  }

  /** The event, if its signature holds under any of the secrets. */
  private Event constructEvent(String payload, String signatureHeader) {
    for (String secret : secrets) {
      try {
        return Webhook.constructEvent(payload, signatureHeader, secret, TOLERANCE_SECONDS, clock);
      } catch (SignatureVerificationException e) {
        // not signed with this one (or too old): try the next secret
      } catch (RuntimeException malformed) {
        throw DomainException.invalid("the webhook body is not a Stripe event");
      }
    }
    throw DomainException.invalidField(
        "Stripe-Signature", "the webhook signature is invalid or expired");
  }

  private static ProviderEvent moved(Event event, StripeObject object, PaymentStatus status) {
    if (!(object instanceof PaymentIntent intent)) {
      throw DomainException.invalid("the event carries no payment intent");
    }
    return new ProviderEvent(
        event.getId(),
        event.getType(),
        intent.getId(),
        Optional.of(status),
        status == PaymentStatus.FAILED ? StripeStatuses.failureReason(intent) : null,
        intent.getMetadata() == null ? null : intent.getMetadata().get("order_id"),
        money(intent.getAmount(), intent.getCurrency()),
        0);
  }

  /** Stripe's amount in our terms, or null if the event does not carry a usable one. */
  private static Money money(Long amount, String currency) {
    if (amount == null || currency == null) {
      return null;
    }
    try {
      return Money.of(amount, currency.toUpperCase(Locale.ROOT));
    } catch (RuntimeException unknownCurrency) {
      return null;
    }
  }

  private static ProviderEvent ignored(Event event) {
    return new ProviderEvent(event.getId(), event.getType(), null, Optional.empty(), null, null);
  }

  /** The event's object; events of another API version are read leniently rather than dropped. */
  private static StripeObject dataObject(Event event) {
    var deserializer = event.getDataObjectDeserializer();
    var object = deserializer.getObject();
    if (object.isPresent()) {
      return object.get();
    }
    try {
      return deserializer.deserializeUnsafe();
    } catch (EventDataObjectDeserializationException e) {
      throw DomainException.invalid("the webhook event data is unreadable");
    }
  }
}
