package orderpay.apps.stripe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The emulator's stand-in for Stripe.js ({@code GET /v3/}): {@code Stripe(pk)}, {@code
 * elements({clientSecret}).create('payment').mount(el)} drawing a labelled choice of Stripe's test
 * payment methods inside the mount point, and {@code confirmPayment} confirming the intent through
 * this emulator's {@code POST /v1/payment_intents/{id}/confirm} with the publishable key and client
 * secret, as Stripe.js does. Nothing more: it is not Stripe.js (ADR 15).
 */
final class StripeJsStandIn {
  private StripeJsStandIn() {}

  static byte[] script() {
    try (InputStream in = StripeJsStandIn.class.getResourceAsStream("/stripe-js-stand-in.js")) {
      if (in == null) {
        throw new IllegalStateException("stripe-js-stand-in.js is missing from the emulator");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
