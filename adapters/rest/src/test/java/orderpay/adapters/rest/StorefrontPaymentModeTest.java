package orderpay.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How the storefront takes cards, over plain HTTP: without a publishable key the pages' policy
 * names this origin only and the config says test cards; with one, the policy adds exactly what
 * Stripe.js needs (Stripe's CSP guidance) and the config hands the page the key and Stripe.js's
 * URL.
 */
class StorefrontPaymentModeTest {
  private static final HttpClient http = HttpClient.newHttpClient();
  private static final String DUMMY_KEY =
      "pk_test_orderpay_dummy_" + Long.toHexString(System.nanoTime());

  private static HttpResponse<String> get(GatewayServer gateway, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static GatewayServer start(StorefrontSettings settings) {
    return GatewayServer.start(
        "127.0.0.1", 0, List.of(), List.of(), new GatewayMetrics(), settings);
  }

  @Test
  void withoutAKeyThePolicyNamesNoStripeOriginAndTheConfigSaysTestCards() throws Exception {
    try (var gateway =
        start(StorefrontSettings.of(Optional.empty(), "https://js.stripe.com/v3/"))) {
      var page = get(gateway, "/checkout");
      assertThat(page.headers().firstValue("Content-Security-Policy"))
          .hasValue(Storefront.CONTENT_SECURITY_POLICY);
      assertThat(Storefront.CONTENT_SECURITY_POLICY).doesNotContain("stripe", "frame-src");
      var config = get(gateway, "/api/v1/storefront/config");
      assertThat(config.statusCode()).isEqualTo(200);
      assertThat(Json.MAPPER.readTree(config.body()).properties())
          .extracting(java.util.Map.Entry::getKey)
          .containsExactly("payment_mode");
      assertThat(Json.MAPPER.readTree(config.body()).get("payment_mode").asText())
          .isEqualTo("test_cards");
    }
  }

  @Test
  void withAKeyThePolicyAddsStripesOriginsAndTheConfigNamesStripeJs() throws Exception {
    var settings = StorefrontSettings.of(Optional.of(DUMMY_KEY), "https://js.stripe.com/v3/");
    try (var gateway = start(settings)) {
      for (String path : List.of("/", "/checkout", "/assets/checkout.js")) {
        assertThat(get(gateway, path).headers().firstValue("Content-Security-Policy"))
            .as(path)
            .hasValue(
                "default-src 'none'; script-src 'self' https://js.stripe.com; style-src 'self';"
                    + " img-src 'self'; connect-src 'self' https://api.stripe.com;"
                    + " frame-src https://js.stripe.com https://hooks.stripe.com;"
                    + " manifest-src 'self'; base-uri 'none'; form-action 'self';"
                    + " frame-ancestors 'none'");
      }
      var config = Json.MAPPER.readTree(get(gateway, "/api/v1/storefront/config").body());
      assertThat(config.get("payment_mode").asText()).isEqualTo("payment_element");
      assertThat(config.get("stripe_publishable_key").asText()).isEqualTo(DUMMY_KEY);
      assertThat(config.get("stripe_js_url").asText()).isEqualTo("https://js.stripe.com/v3/");
    }
  }

  @Test
  void aStandInForStripeJsIsListedByItsOwnOrigin() {
    var settings = StorefrontSettings.of(Optional.of(DUMMY_KEY), "http://127.0.0.1:12111/v3/");
    assertThat(settings.contentSecurityPolicy())
        .contains(
            "script-src 'self' http://127.0.0.1:12111",
            "connect-src 'self' http://127.0.0.1:12111",
            "frame-src http://127.0.0.1:12111")
        .doesNotContain("stripe.com", "unsafe");
  }

  @Test
  void aSecretKeyOrAnUnsafeScriptUrlIsRefused() {
    assertThatThrownBy(
            () -> StorefrontSettings.of(Optional.of("sk_test_abc"), "https://js.stripe.com/v3/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("publishable");
    assertThatThrownBy(
            () -> StorefrontSettings.of(Optional.of(DUMMY_KEY), "http://js.example.com/v3/"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> StorefrontSettings.of(Optional.of(DUMMY_KEY), "https://js.stripe.com/v3/?x=1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StorefrontSettings.of(Optional.of(DUMMY_KEY), "javascript:alert(1)"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(
            StorefrontSettings.of(Optional.of("  "), "https://js.stripe.com/v3/").paymentElement())
        .isFalse();
  }
}
