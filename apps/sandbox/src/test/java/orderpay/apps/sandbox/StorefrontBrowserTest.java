package orderpay.apps.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.UUID;
import orderpay.adapters.rest.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The storefront at {@code /} in a real browser (Debian's chromium through Selenium), on the whole
 * system: a customer signs up, searches, buys with Stripe's test cards (visa, declined,
 * insufficient funds, 3-D Secure with its confirmation), cancels and refunds, reads their orders
 * and messages; API errors show as sentences; tokens are renewed without the customer noticing;
 * {@code /admin} is for admins only. The pages use the public REST API alone.
 */
class StorefrontBrowserTest {
  private static RunningSandbox system;
  private static Shop shop;
  private static Browser browser;

  @RegisterExtension
  static final Browser.FailureScreenshots failures = new Browser.FailureScreenshots(() -> browser);

  @BeforeAll
  static void start() {
    Browser.assumeInstalled();
    system = RunningSandbox.start(StorefrontBrowserTest.class);
    shop = new Shop(system);
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

  /** A product with a name to search for; returns its id once inventory knows it. */
  private static String product(String name, String description, long cents, long stock) {
    var body =
        Json.MAPPER
            .createObjectNode()
            .put("name", name)
            .put("description", description)
            .put("initial_stock", stock);
    body.putObject("price").put("amount", cents).put("currency", "EUR");
    var reply =
        system.send("POST", "/api/v1/products", "application/json", body.toString(), shop.admin);
    assertThat(reply.status()).as("%s", reply.text()).isEqualTo(201);
    String id = reply.body().get("id").asText();
    Shop.await(
        () -> system.get("/api/v1/products/" + id + "/stock", null).status() == 200,
        "inventory to know " + id);
    return id;
  }

  private static String unique() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  /** Signs up through the page (submitting with the Enter key); returns the email address. */
  private static String signUp(String name) {
    String email = "shopper-" + unique() + "@example.com";
    browser.open("/signup").checkPage();
    browser
        .fill("Your name", name)
        .fill("Email address", email)
        .fill("Password", "correct horse battery")
        .enterIn("Password");
    browser.waitFor(d -> browser.currentPath().equals("/"), "the shop after sign-up");
    browser.waitFor(
        d -> d.findElement(By.id("nav")).getText().contains("Log out " + name),
        "the signed-in nav");
    return email;
  }

  private static void logIn(String email, String password) {
    browser.open("/login");
    browser.fill("Email address", email).fill("Password", password).press("Log in");
    browser.waitFor(
        d -> d.findElement(By.id("nav")).getText().contains("Log out"), "the signed-in nav");
  }

  /** Puts {@code quantity} of the product into the cart from its page. */
  private static void addToCart(String productId, int quantity) {
    browser.open("/products/" + productId).sees("available");
    browser.fill("Quantity", String.valueOf(quantity)).press("Add to cart");
    browser.waitFor(
        d -> d.findElement(By.id("notice")).getText().contains("added to your cart"),
        "the cart to confirm");
  }

  /** Checks out the cart with a test card; returns the new order's id. */
  private static String checkOut(String card) {
    browser.open("/checkout");
    browser.fill("Shipping address", "1 Browser Street\n10115 Berlin").choose(card);
    browser.press("Pay");
    browser.waitFor(d -> browser.currentPath().matches("/orders/[0-9a-f-]{36}"), "the order page");
    return browser.currentPath().substring("/orders/".length());
  }

  private static JsonNode sentEmails(String customerEmail, String orderId) {
    String token = shop.login(customerEmail, "correct horse battery");
    return system
        .get("/api/v1/notifications?order_id=" + orderId, token)
        .body()
        .get("notifications");
  }

  @Test
  void aCustomerSignsUpFindsAProductBuysWithVisaAndSeesPaidAndTheTwoEmails() {
    String word = "Teapot-" + unique();
    String teapot = product(word, "Porcelain, holds a litre", 2599, 5);

    String email = signUp("Ada");

    browser.open("/").fill("Search products", word.toLowerCase()).enterIn("Search products");
    browser.seesHeading("Products matching “" + word.toLowerCase() + "”").sees("€25.99");
    browser.checkPage();
    browser.follow(word);
    browser.sees("In stock: 5 available");
    browser.checkPage();

    browser.fill("Quantity", "2").press("Add to cart");
    browser.waitFor(
        d -> d.findElement(By.id("nav")).getText().contains("Cart (2)"), "two items in the cart");
    browser.snapshot("product");

    browser.open("/cart").sees("Total: €51.98");
    browser.checkPage();
    browser.snapshot("cart");
    browser.follow("Check out");
    browser.seesHeading("Checkout");
    browser.fill("Shipping address", "1 Browser Street\n10115 Berlin").choose("Visa ending 4242");
    browser.checkPage();
    browser.snapshot("checkout");
    browser.press("Pay €51.98");

    browser.waitFor(d -> browser.currentPath().startsWith("/orders/"), "the order page");
    String orderId = browser.currentPath().substring("/orders/".length());
    browser.sees("Status: Paid");
    // the page keeps watching until both emails are out, and lists them in the timeline
    browser.sees("Email “Your OrderPay order " + orderId + "” sent to " + email);
    browser.sees("Email “Payment received for order " + orderId + "” sent to " + email);
    browser.checkPage();
    browser.snapshot("order-paid");
    var emails = sentEmails(email, orderId);
    assertThat(emails.findValuesAsText("template"))
        .containsExactlyInAnyOrder("order_confirmation", "payment_succeeded");
    assertThat(emails.findValuesAsText("status")).containsOnly("SENT");

    // live availability on the product page: two fewer now
    browser.open("/products/" + teapot).sees("In stock: 3 available");

    browser.follow("Orders");
    browser.seesHeading("Your orders").sees("Order " + orderId.substring(0, 8)).sees("Paid");
    browser.checkPage();
    browser.snapshot("orders");
    browser.follow("Messages");
    browser.seesHeading("Your messages").sees("Payment received for order " + orderId);
    browser.checkPage();
    browser.snapshot("messages");

    browser.press("Log out");
    browser.waitFor(d -> d.findElement(By.id("nav")).getText().contains("Log in"), "logged out");
    browser.open("/orders");
    browser.seesHeading("Log in");
    browser.checkPage();
    browser.snapshot("login");
  }

  @Test
  void aDeclinedCardAndInsufficientFundsSayWhy() {
    String lamp = product("Lamp " + unique(), "", 1200, 10);
    signUp("Bea");

    addToCart(lamp, 1);
    String declined = checkOut("Visa ending 0002");
    browser.sees("Status: Payment failed").sees("Your card was declined by the bank.");
    browser.checkPage();
    browser.snapshot("order-declined");
    assertThat(browser.mainText()).doesNotContain("Refund this order", "Cancel this order");

    addToCart(lamp, 1);
    checkOut("Visa ending 9995");
    browser.sees("Status: Payment failed").sees("Your card was declined: insufficient funds.");

    // nothing was taken: the stock is back on the product page
    browser.open("/products/" + lamp).sees("In stock: 10 available");
    assertThat(declined).isNotBlank();
  }

  @Test
  void aThreeDSecureCardAsksForConfirmationAndIsPaidOnceConfirmed() {
    String kettle = product("Kettle " + unique(), "", 3500, 4);
    signUp("Cem");
    addToCart(kettle, 1);
    checkOut("Visa ending 3220");

    browser.sees("Status: Awaiting payment").sees("Confirm the payment with your bank");
    browser.checkPage();
    browser.snapshot("order-3ds");
    browser.press("Confirm payment");
    browser.sees("Status: Paid").sees("Payment received for order");
    assertThat(browser.mainText()).doesNotContain("Confirm the payment with your bank");
  }

  @Test
  void aPendingOrderIsCancelledAndAPaidOneRefunded() {
    String mug = product("Mug " + unique(), "", 800, 6);
    signUp("Dan");

    addToCart(mug, 2);
    checkOut("Visa ending 3220"); // waits for the bank: PENDING
    browser.sees("Status: Awaiting payment");
    browser.press("Cancel this order");
    browser.sees("Status: Cancelled");
    browser.waitFor(
        d -> d.findElement(By.id("notice")).getText().equals("Your order is cancelled."),
        "the notice");
    browser.sees("Email “Order ");
    assertThat(browser.mainText()).doesNotContain("Confirm the payment with your bank");

    addToCart(mug, 1);
    checkOut("Visa ending 4242");
    browser.sees("Status: Paid");
    browser.press("Refund this order");
    browser.sees("Status: Refunded");
    browser.sees("Order refunded");
    browser.checkPage();
    browser.snapshot("order-refunded");
    browser.open("/products/" + mug).sees("In stock: 6 available");
  }

  @Test
  void errorsFromTheApiAreSentencesNeverJson() {
    String vase = product("Vase " + unique(), "", 4000, 2);
    String email = signUp("Eve");
    browser.press("Log out");

    browser.open("/login").fill("Email address", email).fill("Password", "wrong password");
    browser.press("Log in").sees("That email address and password do not match an account.");
    browser.checkPage();

    browser.open("/signup");
    browser.fill("Your name", "Eve again").fill("Email address", email);
    browser.fill("Password", "another password").press("Create account");
    browser.sees("An account with this email address exists already.");
    browser.checkPage();
    browser.snapshot("signup-taken");

    logIn(email, "correct horse battery");
    addToCart(vase, 2);
    // meanwhile someone takes one of the two
    var stock =
        system.send(
            "PUT",
            "/api/v1/products/" + vase + "/stock",
            "application/json",
            "{\"on_hand\":1}",
            shop.admin);
    assertThat(stock.status()).isEqualTo(200);
    browser.open("/checkout");
    browser.fill("Shipping address", "2 Browser Street").press("Pay");
    browser.sees("Not enough stock: only 1 of Vase");
    browser.sees("is left (you asked for 2).");
    browser.checkPage();
    assertThat(browser.currentPath()).isEqualTo("/checkout");

    browser
        .open("/orders/" + UUID.randomUUID())
        .sees("This order does not exist (or is not yours).");
    browser.checkPage();
  }

  @Test
  void tokensAreRenewedQuietlyAndAnEndedSessionAsksToLogInAgain() {
    signUp("Fay");
    String before =
        (String)
            browser.script("return JSON.parse(localStorage['orderpay.session']).refresh_token");

    // the API refuses the access token (401): the page renews it and asks again, unseen
    browser.script(
        "const s = JSON.parse(localStorage['orderpay.session']); s.access_token = 'not-a-token';"
            + " localStorage['orderpay.session'] = JSON.stringify(s);");
    browser.follow("Orders");
    browser.seesHeading("Your orders").sees("No orders yet.");
    String afterRejection =
        (String)
            browser.script("return JSON.parse(localStorage['orderpay.session']).refresh_token");
    assertThat(afterRejection).isNotEqualTo(before);

    // the access token is about to expire: renewed before the call
    browser.script(
        "const s = JSON.parse(localStorage['orderpay.session']); s.expires_at = 0;"
            + " localStorage['orderpay.session'] = JSON.stringify(s);");
    browser.follow("Messages");
    browser.seesHeading("Your messages");
    browser.waitFor(d -> !browser.mainText().contains("Loading"), "the messages");
    assertThat(browser.mainText()).doesNotContain("session", "went wrong");
    String afterExpiry =
        (String)
            browser.script("return JSON.parse(localStorage['orderpay.session']).refresh_token");
    assertThat(afterExpiry).isNotEqualTo(afterRejection);

    // a session that cannot be renewed ends: log in again, with a sentence saying why
    browser.script(
        "const s = JSON.parse(localStorage['orderpay.session']); s.expires_at = 0;"
            + " s.refresh_token = 'spent'; localStorage['orderpay.session'] = JSON.stringify(s);");
    browser.follow("Orders");
    browser.seesHeading("Log in").sees("Your session has ended. Please log in again.");
    assertThat(browser.script("return localStorage['orderpay.session'] || null")).isNull();
  }

  @Test
  void searchResultsPageAndEveryPageFitsA375PixelPhone() {
    String word = "Spoon" + unique();
    var ids = new ArrayList<String>();
    for (int i = 1; i <= 3; i++) {
      ids.add(product(word + " no. " + i, "Silver", 500 + i, 3));
    }
    browser.open("/?q=" + word + "&page_size=2");
    browser.seesHeading("Products matching “" + word + "”");
    browser.waitFor(
        d -> d.findElements(By.cssSelector(".products li")).size() == 2, "a page of two");
    browser.checkPage();
    browser.snapshot("products");
    browser.follow("Next page");
    browser.waitFor(
        d -> d.findElements(By.cssSelector(".products li")).size() == 1, "the last one");
    browser.follow("First page");
    browser.waitFor(
        d -> d.findElements(By.cssSelector(".products li")).size() == 2, "the first page");
    browser.open("/?q=nothing-like-" + unique()).sees("No product matches");

    browser.phone();
    browser.open("/?q=" + word).sees(word + " no. 1");
    browser.checkPage();
    browser.snapshot("phone-products");
    signUp("Gus");
    addToCart(ids.getFirst(), 1);
    browser.checkPage();
    browser.open("/cart").sees("Total:");
    browser.checkPage();
    String order = checkOut("Visa ending 4242");
    browser.sees("Status: Paid");
    browser.checkPage();
    browser.snapshot("phone-order");
    browser.open("/orders").sees("Order " + order.substring(0, 8));
    browser.checkPage();
  }

  @Test
  void aCustomerCannotOpenTheAdminConsoleAndAnAdminCan() {
    browser.open("/admin").seesHeading("Admins only").sees("Log in with an admin account");
    browser.checkPage();

    String email = signUp("Hal");
    browser.open("/admin").seesHeading("Admins only");
    browser.sees("You are logged in as " + email + ", a customer account.");
    assertThat(browser.mainText()).doesNotContain("Operator console");
    browser.checkPage();
    browser.snapshot("admin-refused");
    browser.press("Log out");

    logIn(system.sandbox.adminEmail(), system.sandbox.adminPassword());
    browser.open("/admin").seesHeading("Operator console");
  }
}
