package orderpay.apps.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import orderpay.apps.stripe.StripeEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The storefront with a Stripe publishable key: checkout places the order without a payment method
 * and confirms its client secret in the browser with the Payment Element of the Stripe.js that
 * {@code STRIPE_JS_URL} names. With the local emulator that is the emulator's stand-in (ADR 15):
 * the page loads it by one script tag from the emulator's origin, mounts it, and its confirmPayment
 * confirms the intent through the emulator, cross-origin, with the publishable key; Stripe's
 * webhook then settles the order. The key is a dummy made here.
 */
class PaymentElementBrowserTest {
  private static final String PUBLISHABLE_KEY =
      "pk_test_orderpay_dummy_" + HexFormat.of().formatHex(randomBytes());

  private static RunningSandbox system;
  private static Shop shop;
  private static Browser browser;
  private static StripeEmulator emulator;

  @RegisterExtension
  static final Browser.FailureScreenshots failures = new Browser.FailureScreenshots(() -> browser);

  private static byte[] randomBytes() {
    var bytes = new byte[8];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }

  @BeforeAll
  static void start() {
    Browser.assumeInstalled();
    // the sandbox points STRIPE_JS_URL at its emulator's stand-in, since the intents live there
    system =
        RunningSandbox.start(
            PaymentElementBrowserTest.class, Map.of("STRIPE_PUBLISHABLE_KEY", PUBLISHABLE_KEY));
    shop = new Shop(system);
    emulator = system.sandbox.emulator().orElseThrow();
    browser = Browser.start(system.sandbox.gatewayUrl());
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (system != null) {
      system.close();
    }
  }

  @BeforeEach
  void aFreshVisitor() {
    browser.desktop();
    browser.forgetEverything();
  }

  private static void signUp() {
    String email = "element-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    browser.open("/signup");
    browser
        .fill("Your name", "Pia")
        .fill("Email address", email)
        .fill("Password", "correct horse battery")
        .enterIn("Password");
    browser.waitFor(
        d -> d.findElement(By.id("nav")).getText().contains("Log out"), "the signed-in nav");
  }

  private static void addToCart(String productId) {
    browser.open("/products/" + productId).sees("available");
    browser.press("Add to cart");
    browser.waitFor(
        d -> d.findElement(By.id("notice")).getText().contains("added to your cart"),
        "the cart to confirm");
  }

  /** Places the order from checkout and waits for the Payment Element to be mounted. */
  private static void placeTheOrderAndSeeTheCardForm() {
    browser.open("/checkout");
    browser.fill("Shipping address", "2 Element Road\n10115 Berlin");
    assertThat(browser.mainText()).doesNotContain("Visa ending 4242"); // no test-card picker
    browser.press("Continue to payment");
    browser.waitFor(
        d -> !d.findElements(By.cssSelector("#payment-element [data-stripe-stand-in]")).isEmpty(),
        "the Payment Element mounted in the page");
  }

  @Test
  void checkoutMountsThePaymentElementFromTheConfiguredStripeJsAndVisaPays() {
    String product = shop.product(1500, 5);
    signUp();
    addToCart(product);
    placeTheOrderAndSeeTheCardForm();

    // Stripe.js came from STRIPE_JS_URL, by one script tag, and nowhere else
    var scripts =
        browser.driver.findElements(By.cssSelector("script[src]")).stream()
            .map(s -> s.getDomAttribute("src"))
            .filter(src -> !src.startsWith("/assets/"))
            .toList();
    assertThat(scripts).containsExactly(emulator.stripeJsUrl());
    browser.checkPage();
    browser.snapshot("checkout-payment-element");

    browser.choose("Visa").press("Pay €15.00");
    browser.waitFor(d -> browser.currentPath().matches("/orders/[0-9a-f-]{36}"), "the order page");
    browser.sees("Status: Paid");
    browser.checkPage();
    String orderId = browser.currentPath().substring("/orders/".length());
    var order = shop.getOrder(shop.admin, orderId);
    String intent = order.get("payment").get("provider_payment_id").asText();
    assertThat(emulator.intent(intent).get("status").asText()).isEqualTo("succeeded");
    assertThat(emulator.intent(intent).get("payment_method").asText()).isEqualTo("pm_card_visa");
  }

  @Test
  void aDeclinedCardShowsStripesMessageInWordsAndTheFailedOrder() {
    String product = shop.product(900, 5);
    signUp();
    addToCart(product);
    placeTheOrderAndSeeTheCardForm();

    browser.choose("Declined card").press("Pay");
    browser.waitFor(d -> browser.currentPath().matches("/orders/[0-9a-f-]{36}"), "the order page");
    browser.waitFor(
        d ->
            d.findElement(By.id("notice"))
                .getText()
                .equals("The payment did not go through. Your card was declined."),
        "Stripe's message in the notice");
    browser.sees("Status: Payment failed");
    browser.checkPage();
    // nothing was taken: the stock is back
    browser.open("/products/" + product).sees("In stock: 5 available");
  }

  @Test
  void thePagesPolicyNamesTheConfiguredStripeJsOriginAndTheConfigHandsOverTheKey() {
    String origin = emulator.apiBase();
    var page = system.get("/", null);
    assertThat(page.headers().get("Content-Security-Policy"))
        .singleElement()
        .satisfies(
            policy ->
                assertThat(policy)
                    .contains(
                        "script-src 'self' " + origin,
                        "connect-src 'self' " + origin,
                        "frame-src " + origin)
                    .doesNotContain("unsafe", "stripe.com"));
    var config = system.get("/api/v1/storefront/config", null);
    assertThat(config.status()).isEqualTo(200);
    assertThat(config.body().get("payment_mode").asText()).isEqualTo("payment_element");
    assertThat(config.body().get("stripe_publishable_key").asText()).isEqualTo(PUBLISHABLE_KEY);
    assertThat(config.body().get("stripe_js_url").asText()).isEqualTo(emulator.stripeJsUrl());
  }
}
