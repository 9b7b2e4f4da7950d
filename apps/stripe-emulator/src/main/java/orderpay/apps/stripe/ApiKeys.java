package orderpay.apps.stripe;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Secret keys may do anything; a publishable key (what Stripe.js in the customer's browser has)
 * only retrieves and confirms an intent whose client secret it presents. As with Stripe, the key
 * comes in the Authorization header or, as Stripe.js sends it (so that a browser's cross-origin
 * call needs no preflight), as the {@code key} parameter of the form or query.
 */
final class ApiKeys {
  private static final String PUBLISHABLE = "publishable";

  private ApiKeys() {}

  /** Before every {@code /v1/*} call: refuses a missing or wrong key, marks a publishable one. */
  static void authenticate(Context ctx) {
    String key = apiKey(ctx.header("Authorization"));
    if (key.isEmpty()) {
      key = keyParameter(ctx);
    }
    if (key.startsWith("pk_test_")) {
      boolean clientCall =
          ctx.path().startsWith("/v1/payment_intents/")
              && (ctx.method() == HandlerType.GET || ctx.path().endsWith("/confirm"));
      if (clientCall && !ctx.path().endsWith("/search")) {
        ctx.attribute(PUBLISHABLE, true);
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

  /** A {@code key} in the query or the form body: Stripe.js's way; only a publishable key. */
  private static String keyParameter(Context ctx) {
    String key = ctx.queryParam("key");
    if (key == null && ctx.method() == HandlerType.POST) {
      key = FormParams.parse(ctx.body()).get("key");
    }
    return key != null && key.startsWith("pk_test_") ? key.strip() : "";
  }

  /** Whether the call was made with a publishable key (the customer's browser). */
  static boolean publishable(Context ctx) {
    return Boolean.TRUE.equals(ctx.attribute(PUBLISHABLE));
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
                Base64.getDecoder().decode(authorization.substring(6).strip()),
                StandardCharsets.UTF_8);
        int colon = user.indexOf(':');
        return colon < 0 ? user : user.substring(0, colon);
      } catch (IllegalArgumentException notBase64) {
        return "";
      }
    }
    return "";
  }
}
