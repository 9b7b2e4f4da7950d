package orderpay.apps.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The emulator's stand-in for Stripe.js and the browser calls it makes: the script at /v3/, and a
 * confirmation with the publishable key in the form (as Stripe.js sends it) from the shop's origin
 * only, answered with CORS for that origin.
 */
class StripeJsStandInTest {
  private static final String SHOP = "http://127.0.0.1:8080";
  private static final String KEY = "pk_test_dummy_" + System.nanoTime();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient http = HttpClient.newHttpClient();
  private static StripeEmulator emulator;

  @BeforeAll
  static void start() {
    emulator = StripeEmulator.start("127.0.0.1", 0, null, "whsec_test_standin", new Faults());
    emulator.allowBrowserOrigins(Set.of(SHOP));
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  private static HttpResponse<String> post(String path, String form, String... headers)
      throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create(emulator.apiBase() + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode newIntent() throws Exception {
    var created =
        post(
            "/v1/payment_intents",
            "amount=1999&currency=eur",
            "Authorization",
            "Bearer sk_test_standin");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    return JSON.readTree(created.body());
  }

  private static HttpResponse<String> confirmFromTheBrowser(
      JsonNode intent, String paymentMethod, String origin) throws Exception {
    return post(
        "/v1/payment_intents/" + intent.get("id").asText() + "/confirm",
        "key="
            + KEY
            + "&client_secret="
            + intent.get("client_secret").asText()
            + "&payment_method="
            + paymentMethod,
        "Origin",
        origin);
  }

  @Test
  void servesTheStandInScriptAtV3() throws Exception {
    var script =
        http.send(
            HttpRequest.newBuilder(URI.create(emulator.stripeJsUrl())).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
    assertThat(script.body()).contains("window.Stripe = Stripe", "confirmPayment", "mount");
  }

  @Test
  void theShopsPageConfirmsWithThePublishableKeyInTheForm() throws Exception {
    var intent = newIntent();
    var confirmed = confirmFromTheBrowser(intent, "pm_card_visa", SHOP);
    assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
    assertThat(JSON.readTree(confirmed.body()).get("status").asText()).isEqualTo("succeeded");
    assertThat(confirmed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SHOP);
  }

  @Test
  void aDeclineIsStripesCardErrorReadableByThePage() throws Exception {
    var declined = confirmFromTheBrowser(newIntent(), "pm_card_chargeDeclined", SHOP);
    assertThat(declined.statusCode()).isEqualTo(402);
    assertThat(declined.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SHOP);
    var error = JSON.readTree(declined.body()).get("error");
    assertThat(error.get("type").asText()).isEqualTo("card_error");
    assertThat(error.get("message").asText()).isEqualTo("Your card was declined.");
  }

  @Test
  void anotherOriginOrAWrongClientSecretIsRefused() throws Exception {
    var intent = newIntent();
    var elsewhere = confirmFromTheBrowser(intent, "pm_card_visa", "http://127.0.0.1:9999");
    assertThat(elsewhere.statusCode()).isEqualTo(403);
    assertThat(elsewhere.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    var wrongSecret =
        post(
            "/v1/payment_intents/" + intent.get("id").asText() + "/confirm",
            "key=" + KEY + "&client_secret=pi_x_secret_y&payment_method=pm_card_visa",
            "Origin",
            SHOP);
    assertThat(wrongSecret.statusCode()).isBetween(400, 404);
    assertThat(emulator.intent(intent.get("id").asText()).get("status").asText())
        .isNotEqualTo("succeeded");
    // a publishable key in the form may not create intents
    var create = post("/v1/payment_intents", "amount=100&currency=eur&key=" + KEY);
    assertThat(create.statusCode()).isEqualTo(401);
  }
}
