package orderpay.adapters.rest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How the storefront takes cards. Without a publishable key it offers Stripe's test payment methods
 * and the server confirms the order's payment ({@code test_cards}); with one, Stripe.js's Payment
 * Element, loaded from {@code stripeJsUrl}, confirms the order's client secret in the browser
 * ({@code payment_element}), and only then does the page's Content-Security-Policy name Stripe's
 * origins.
 *
 * <p>The key is public by design (it is sent to every browser); a secret key ({@code sk_...}, or
 * anything that is not {@code pk_...}) is refused, so a mix-up of variables cannot publish it.
 */
public record StorefrontSettings(Optional<String> stripePublishableKey, URI stripeJsUrl) {
  public static final URI STRIPE_JS = URI.create("https://js.stripe.com/v3/");

  /** Stripe's origins for its own Stripe.js (docs.stripe.com, security guide: CSP). */
  private static final String STRIPE_JS_ORIGIN = "https://js.stripe.com";

  private static final String STRIPE_API_ORIGIN = "https://api.stripe.com";
  private static final String STRIPE_HOOKS_ORIGIN = "https://hooks.stripe.com";

  /** The test-card picker: no Stripe.js, no other origin. */
  public static final StorefrontSettings TEST_CARDS =
      new StorefrontSettings(Optional.empty(), STRIPE_JS);

  public StorefrontSettings {
    stripePublishableKey = stripePublishableKey.map(String::strip).filter(k -> !k.isEmpty());
    stripePublishableKey.ifPresent(
        key -> {
          if (!key.matches("pk_(test|live)_[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException(
                "STRIPE_PUBLISHABLE_KEY must be a publishable key (pk_test_... or pk_live_...);"
                    + " never put a secret key there: the page hands it to every browser");
          }
        });
    String scheme = stripeJsUrl.getScheme() == null ? "" : stripeJsUrl.getScheme();
    boolean loopback =
        stripeJsUrl.getHost() != null
            && List.of("127.0.0.1", "localhost", "[::1]").contains(stripeJsUrl.getHost());
    if (!(scheme.equals("https") || (scheme.equals("http") && loopback))
        || stripeJsUrl.getHost() == null
        || stripeJsUrl.getRawUserInfo() != null
        || stripeJsUrl.getRawQuery() != null
        || stripeJsUrl.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "STRIPE_JS_URL must be an https URL without user, query or fragment (plain http only on"
              + " loopback, for the local emulator's stand-in), got '"
              + stripeJsUrl
              + "'");
    }
  }

  /** From the gateway's environment values; a blank key means none. */
  public static StorefrontSettings of(Optional<String> publishableKey, String stripeJsUrl) {
    try {
      return new StorefrontSettings(publishableKey, new URI(stripeJsUrl.strip()));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("STRIPE_JS_URL is not a URL: '" + stripeJsUrl + "'", e);
    }
  }

  public boolean paymentElement() {
    return stripePublishableKey.isPresent();
  }

  /** What {@code GET /api/v1/storefront/config} answers. */
  Map<String, Object> publicConfig() {
    var config = new LinkedHashMap<String, Object>();
    config.put("payment_mode", paymentElement() ? "payment_element" : "test_cards");
    stripePublishableKey.ifPresent(
        key -> {
          config.put("stripe_publishable_key", key);
          config.put("stripe_js_url", stripeJsUrl.toString());
        });
    return config;
  }

  /**
   * The page's policy: this origin only; with a publishable key, also what Stripe.js needs. For
   * Stripe's own Stripe.js that is Stripe's list (script and frames from js.stripe.com, 3-D Secure
   * frames from hooks.stripe.com, calls to api.stripe.com); for a stand-in served elsewhere (the
   * local emulator's), its origin in the same places, since it answers the calls itself.
   */
  String contentSecurityPolicy() {
    var script = new ArrayList<>(List.of("'self'"));
    var connect = new ArrayList<>(List.of("'self'"));
    var frames = new ArrayList<String>();
    if (paymentElement()) {
      String origin = origin(stripeJsUrl);
      script.add(origin);
      frames.add(origin);
      if (origin.equals(STRIPE_JS_ORIGIN)) {
        frames.add(STRIPE_HOOKS_ORIGIN);
        connect.add(STRIPE_API_ORIGIN);
      } else {
        connect.add(origin);
      }
    }
    var directives = new ArrayList<String>();
    directives.add("default-src 'none'");
    directives.add("script-src " + String.join(" ", script));
    directives.add("style-src 'self'");
    directives.add("img-src 'self'");
    directives.add("connect-src " + String.join(" ", connect));
    if (!frames.isEmpty()) {
      directives.add("frame-src " + String.join(" ", frames));
    }
    directives.add("manifest-src 'self'");
    directives.add("base-uri 'none'");
    directives.add("form-action 'self'");
    directives.add("frame-ancestors 'none'");
    return String.join("; ", directives);
  }

  private static String origin(URI url) {
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    int port = url.getPort();
    boolean defaultPort =
        port == -1
            || (scheme.equals("https") && port == 443)
            || (scheme.equals("http") && port == 80);
    return scheme
        + "://"
        + url.getHost().toLowerCase(Locale.ROOT)
        + (defaultPort ? "" : ":" + port);
  }
}
