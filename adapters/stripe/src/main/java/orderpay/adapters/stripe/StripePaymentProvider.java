package orderpay.adapters.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentSearchParams;
import com.stripe.param.RefundCreateParams;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import orderpay.domain.money.Money;
import orderpay.domain.payment.PaymentProvider;
import orderpay.domain.payment.PaymentStatus;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;

/**
 * PaymentIntents through stripe-java. The same code talks to Stripe (a real secret key) or to the
 * local emulator (its API base). Declines are outcomes, not errors; Stripe's own errors become
 * domain refusals of the right kind.
 */
public final class StripePaymentProvider implements PaymentProvider {
  private final StripeClient stripe;

  /** The local emulator's base URL, which offers test 3-D Secure; null for Stripe itself. */
  private final String emulatorBase;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  public StripePaymentProvider(StripeClient stripe) {
    this(stripe, null);
  }

  StripePaymentProvider(StripeClient stripe, String emulatorBase) {
    this.stripe = stripe;
    this.emulatorBase = emulatorBase;
  }

  public static StripePaymentProvider connect(String secretKey, String apiBase) {
    var builder =
        StripeClient.builder()
            .setApiKey(secretKey)
            // one Stripe call ends within ~21 s (3 tries of 2 s connect + 5 s read), inside the
            // order service's 25 s deadline, inside the gateway's 30 s: the chain times out from
            // the bottom, so a client that retries with its Idempotency-Key finds the order
            .setMaxNetworkRetries(2)
            .setConnectTimeout(2_000)
            .setReadTimeout(5_000)
            .setHttpClient(new StripeTransport());
    boolean emulated = apiBase != null && !apiBase.isBlank();
    if (emulated) {
      builder.setApiBase(apiBase);
    }
    return new StripePaymentProvider(
        builder.build(), emulated ? apiBase.replaceAll("/+$", "") : null);
  }

  @Override
  public String name() {
    return "stripe";
  }

  @Override
  public Intent createIntent(
      String idempotencyKey, Money amount, String paymentMethod, String orderId) {
    var params =
        PaymentIntentCreateParams.builder()
            .setAmount(amount.amountMinor())
            .setCurrency(amount.currencyCode().toLowerCase(Locale.ROOT))
            .addPaymentMethodType("card")
            .putMetadata("order_id", orderId);
    if (paymentMethod != null) {
      params.setPaymentMethod(paymentMethod).setConfirm(true);
    }
    try {
      return intent(stripe.paymentIntents().create(params.build(), withKey(idempotencyKey)));
    } catch (CardException declined) {
      var intent =
          declined.getStripeError() == null ? null : declined.getStripeError().getPaymentIntent();
      String reason =
          declined.getDeclineCode() != null ? declined.getDeclineCode() : declined.getCode();
      if (intent == null) {
        throw new DomainException(
            ErrorKind.INVALID_ARGUMENT, "payment_declined", "the card was declined");
      }
      return new Intent(intent.getId(), PaymentStatus.FAILED, intent.getClientSecret(), reason);
    } catch (StripeException e) {
      throw refusal(e);
    }
  }

  @Override
  public Intent retrieve(String providerPaymentId) {
    return refusingFailures(() -> intent(stripe.paymentIntents().retrieve(providerPaymentId)));
  }

  @Override
  public java.util.Optional<Intent> findByOrder(String orderId) {
    var search =
        PaymentIntentSearchParams.builder()
            .setQuery("metadata['order_id']:'" + orderId.replace("'", "") + "'")
            .setLimit(1L)
            .build();
    return refusingFailures(
        () ->
            stripe.paymentIntents().search(search).getData().stream()
                .findFirst()
                .map(StripePaymentProvider::intent));
  }

  @Override
  public java.util.List<ListedIntent> listCreatedSince(java.time.Instant from) {
    return refusingFailures(() -> StripeIntentListing.createdSince(stripe, from));
  }

  @Override
  public boolean paymentMethodExists(String paymentMethod) {
    try {
      stripe.paymentMethods().retrieve(paymentMethod);
      return true;
    } catch (InvalidRequestException missing) {
      if ("resource_missing".equals(missing.getCode()) || missing.getStatusCode() == 404) {
        return false;
      }
      throw refusal(missing);
    } catch (StripeException e) {
      throw refusal(e);
    }
  }

  @Override
  public Intent cancel(String providerPaymentId, String idempotencyKey) {
    try {
      return intent(stripe.paymentIntents().cancel(providerPaymentId, withKey(idempotencyKey)));
    } catch (InvalidRequestException unexpectedState) {
      // e.g. it succeeded meanwhile: report where it actually is
      return retrieve(providerPaymentId);
    } catch (StripeException e) {
      throw refusal(e);
    }
  }

  @Override
  public Intent refund(String providerPaymentId, String idempotencyKey) {
    var params = RefundCreateParams.builder().setPaymentIntent(providerPaymentId).build();
    var refund = refusingFailures(() -> stripe.refunds().create(params, withKey(idempotencyKey)));
    var status =
        switch (refund.getStatus()) {
          case "failed", "canceled" -> PaymentStatus.SUCCEEDED; // the money is still with us
          default -> PaymentStatus.REFUNDED; // succeeded or pending: the refund is issued
        };
    return new Intent(providerPaymentId, status, null, null);
  }

  /**
   * Against the local emulator (an API base was set), its test helper passes the challenge; Stripe
   * itself has no such call (the customer authenticates in Stripe.js), so there it is empty.
   */
  @Override
  public Optional<Intent> completeTestAuthentication(String providerPaymentId) {
    if (emulatorBase == null) {
      return Optional.empty();
    }
    var request =
        HttpRequest.newBuilder(
                URI.create(
                    emulatorBase
                        + "/_emulator/payment_intents/"
                        + URLEncoder.encode(providerPaymentId, StandardCharsets.UTF_8)
                        + "/authenticate"))
            .timeout(Duration.ofSeconds(5))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    try {
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status / 100 != 2) {
        throw new DomainException(
            ErrorKind.UNAVAILABLE,
            "unavailable",
            "the payment provider refused the authentication (" + status + ")");
      }
    } catch (IOException e) {
      throw new DomainException(
          ErrorKind.UNAVAILABLE, "unavailable", "the payment provider is unreachable");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DomainException(ErrorKind.UNAVAILABLE, "unavailable", "interrupted");
    }
    return Optional.of(retrieve(providerPaymentId));
  }

  /** A call to Stripe whose own errors are not outcomes here. */
  @FunctionalInterface
  private interface StripeCall<T> {
    T call() throws StripeException;
  }

  /** The call's answer; Stripe's errors become domain refusals ({@link #refusal}). */
  private static <T> T refusingFailures(StripeCall<T> call) {
    try {
      return call.call();
    } catch (StripeException e) {
      throw refusal(e);
    }
  }

  private static Intent intent(PaymentIntent pi) {
    return new Intent(
        pi.getId(), StripeStatuses.of(pi), pi.getClientSecret(), StripeStatuses.failureReason(pi));
  }

  private static RequestOptions withKey(String idempotencyKey) {
    return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
  }

  private static DomainException refusal(StripeException e) {
    return switch (e) {
      case IdempotencyException conflict ->
          new DomainException(
              ErrorKind.CONFLICT, "conflict", "payment request conflicts with an earlier one");
      case InvalidRequestException invalid ->
          new DomainException(
              ErrorKind.INVALID_ARGUMENT,
              "invalid_request",
              "the payment provider refused the request: "
                  + String.valueOf(
                      invalid.getStripeError() == null
                          ? invalid.getCode()
                          : invalid.getStripeError().getMessage()));
      case ApiConnectionException down ->
          new DomainException(
              ErrorKind.UNAVAILABLE, "unavailable", "the payment provider is unreachable");
      default ->
          new DomainException(ErrorKind.UNAVAILABLE, "unavailable", "the payment provider failed");
    };
  }
}
