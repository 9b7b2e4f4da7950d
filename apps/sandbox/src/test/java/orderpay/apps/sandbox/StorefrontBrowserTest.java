package orderpay.apps.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.UUID;
import orderpay.adapters.rest.Json;
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
  @RegisterExtension static final BrowserSandboxExtension sandbox = new BrowserSandboxExtension();

  @BeforeEach
  void aFreshVisitor() {
    sandbox.browser().desktop();
    sandbox.browser().forgetEverything();
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
        sandbox
            .system()
            .send(
                "POST",
                "/api/v1/products",
                "application/json",
                body.toString(),
                sandbox.shop().admin);
    assertThat(reply.status()).as("%s", reply.text()).isEqualTo(201);
    String id = reply.body().get("id").asText();
    Shop.await(
        () -> sandbox.system().get("/api/v1/products/" + id + "/stock", null).status() == 200,
        "inventory to know " + id);
    return id;
  }

  private static String unique() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  /** Signs up through the page (submitting with the Enter key); returns the email address. */
  private static String signUp(String name) {
    String email = "shopper-" + unique() + "@example.com";
    sandbox.browser().open("/signup").checkPage();
    sandbox
        .browser()
        .fill("Your name", name)
        .fill("Email address", email)
        .fill("Password", "correct horse battery")
        .enterIn("Password");
    sandbox
        .browser()
        .waitFor(d -> sandbox.browser().currentPath().equals("/"), "the shop after sign-up");
    sandbox
        .browser()
        .waitFor(
            d -> d.findElement(By.id("nav")).getText().contains("Log out " + name),
            "the signed-in nav");
    return email;
  }

  private static void logIn(String email, String password) {
    sandbox.browser().open("/login");
    sandbox.browser().fill("Email address", email).fill("Password", password).press("Log in");
    sandbox
        .browser()
        .waitFor(
            d -> d.findElement(By.id("nav")).getText().contains("Log out"), "the signed-in nav");
  }

  /** Puts {@code quantity} of the product into the cart from its page. */
  private static void addToCart(String productId, int quantity) {
    sandbox.browser().open("/products/" + productId).sees("available");
    sandbox.browser().fill("Quantity", String.valueOf(quantity)).press("Add to cart");
    sandbox
        .browser()
        .waitFor(
            d -> d.findElement(By.id("notice")).getText().contains("added to your cart"),
            "the cart to confirm");
  }

  /** Checks out the cart with a test card; returns the new order's id. */
  private static String checkOut(String card) {
    sandbox.browser().open("/checkout");
    sandbox.browser().fill("Shipping address", "1 Browser Street\n10115 Berlin").choose(card);
    sandbox.browser().press("Pay");
    sandbox
        .browser()
        .waitFor(
            d -> sandbox.browser().currentPath().matches("/orders/[0-9a-f-]{36}"),
            "the order page");
    return sandbox.browser().currentPath().substring("/orders/".length());
  }

  private static JsonNode sentEmails(String customerEmail, String orderId) {
    String token = sandbox.shop().login(customerEmail, "correct horse battery");
    return sandbox
        .system()
        .get("/api/v1/notifications?order_id=" + orderId, token)
        .body()
        .get("notifications");
  }

  @Test
  void aCustomerSignsUpFindsAProductBuysWithVisaAndSeesPaidAndTheTwoEmails() {
    String word = "Teapot-" + unique();
    String teapot = product(word, "Porcelain, holds a litre", 2599, 5);

    String email = signUp("Ada");

    sandbox
        .browser()
        .open("/")
        .fill("Search products", word.toLowerCase())
        .enterIn("Search products");
    sandbox.browser().seesHeading("Products matching “" + word.toLowerCase() + "”").sees("€25.99");
    sandbox.browser().checkPage();
    sandbox.browser().follow(word);
    sandbox.browser().sees("In stock: 5 available");
    sandbox.browser().checkPage();

    sandbox.browser().fill("Quantity", "2").press("Add to cart");
    sandbox
        .browser()
        .waitFor(
            d -> d.findElement(By.id("nav")).getText().contains("Cart (2)"),
            "two items in the cart");
    sandbox.browser().snapshot("product");

    sandbox.browser().open("/cart").sees("Total: €51.98");
    sandbox.browser().checkPage();
    sandbox.browser().snapshot("cart");
    sandbox.browser().follow("Check out");
    sandbox.browser().seesHeading("Checkout");
    sandbox
        .browser()
        .fill("Shipping address", "1 Browser Street\n10115 Berlin")
        .choose("Visa ending 4242");
    sandbox.browser().checkPage();
    sandbox.browser().snapshot("checkout");
    sandbox.browser().press("Pay €51.98");

    sandbox
        .browser()
        .waitFor(d -> sandbox.browser().currentPath().startsWith("/orders/"), "the order page");
    String orderId = sandbox.browser().currentPath().substring("/orders/".length());
    sandbox.browser().sees("Status: Paid");
    // the page keeps watching until both emails are out, and lists them in the timeline
    sandbox.browser().sees("Email “Your OrderPay order " + orderId + "” sent to " + email);
    sandbox.browser().sees("Email “Payment received for order " + orderId + "” sent to " + email);
    sandbox.browser().checkPage();
    sandbox.browser().snapshot("order-paid");
    var emails = sentEmails(email, orderId);
    assertThat(emails.findValuesAsText("template"))
        .containsExactlyInAnyOrder("order_confirmation", "payment_succeeded");
    assertThat(emails.findValuesAsText("status")).containsOnly("SENT");

    // live availability on the product page: two fewer now
    sandbox.browser().open("/products/" + teapot).sees("In stock: 3 available");

    sandbox.browser().follow("Orders");
    sandbox
        .browser()
        .seesHeading("Your orders")
        .sees("Order " + orderId.substring(0, 8))
        .sees("Paid");
    sandbox.browser().checkPage();
    sandbox.browser().snapshot("orders");
    sandbox.browser().follow("Messages");
    sandbox.browser().seesHeading("Your messages").sees("Payment received for order " + orderId);
    sandbox.browser().checkPage();
    sandbox.browser().snapshot("messages");

    sandbox.browser().press("Log out");
    sandbox
        .browser()
        .waitFor(d -> d.findElement(By.id("nav")).getText().contains("Log in"), "logged out");
    sandbox.browser().open("/orders");
    sandbox.browser().seesHeading("Log in");
    sandbox.browser().checkPage();
    sandbox.browser().snapshot("login");
  }

  @Test
  void aDeclinedCardAndInsufficientFundsSayWhy() {
    String lamp = product("Lamp " + unique(), "", 1200, 10);
    signUp("Bea");

    addToCart(lamp, 1);
    String declined = checkOut("Visa ending 0002");
    sandbox.browser().sees("Status: Payment failed").sees("Your card was declined by the bank.");
    sandbox.browser().checkPage();
    sandbox.browser().snapshot("order-declined");
    assertThat(sandbox.browser().mainText())
        .doesNotContain("Refund this order", "Cancel this order");

    addToCart(lamp, 1);
    checkOut("Visa ending 9995");
    sandbox
        .browser()
        .sees("Status: Payment failed")
        .sees("Your card was declined: insufficient funds.");

    // nothing was taken: the stock is back on the product page
    sandbox.browser().open("/products/" + lamp).sees("In stock: 10 available");
    assertThat(declined).isNotBlank();
  }

  @Test
  void aThreeDSecureCardAsksForConfirmationAndIsPaidOnceConfirmed() {
    String kettle = product("Kettle " + unique(), "", 3500, 4);
    signUp("Cem");
    addToCart(kettle, 1);
    checkOut("Visa ending 3220");

    sandbox.browser().sees("Status: Awaiting payment").sees("Confirm the payment with your bank");
    sandbox.browser().checkPage();
    sandbox.browser().snapshot("order-3ds");
    sandbox.browser().press("Confirm payment");
    sandbox.browser().sees("Status: Paid").sees("Payment received for order");
    assertThat(sandbox.browser().mainText()).doesNotContain("Confirm the payment with your bank");
  }

  @Test
  void aPendingOrderIsCancelledAndAPaidOneRefunded() {
    String mug = product("Mug " + unique(), "", 800, 6);
    signUp("Dan");

    addToCart(mug, 2);
    checkOut("Visa ending 3220"); // waits for the bank: PENDING
    sandbox.browser().sees("Status: Awaiting payment");
    sandbox.browser().press("Cancel this order");
    sandbox.browser().sees("Status: Cancelled");
    sandbox
        .browser()
        .waitFor(
            d -> d.findElement(By.id("notice")).getText().equals("Your order is cancelled."),
            "the notice");
    sandbox.browser().sees("Email “Order ");
    assertThat(sandbox.browser().mainText()).doesNotContain("Confirm the payment with your bank");

    addToCart(mug, 1);
    checkOut("Visa ending 4242");
    sandbox.browser().sees("Status: Paid");
    sandbox.browser().press("Refund this order");
    sandbox.browser().sees("Status: Refunded");
    sandbox.browser().sees("Order refunded");
    sandbox.browser().checkPage();
    sandbox.browser().snapshot("order-refunded");
    sandbox.browser().open("/products/" + mug).sees("In stock: 6 available");
  }

  @Test
  void errorsFromTheApiAreSentencesNeverJson() {
    String vase = product("Vase " + unique(), "", 4000, 2);
    String email = signUp("Eve");
    sandbox.browser().press("Log out");

    sandbox
        .browser()
        .open("/login")
        .fill("Email address", email)
        .fill("Password", "wrong password");
    sandbox
        .browser()
        .press("Log in")
        .sees("That email address and password do not match an account.");
    sandbox.browser().checkPage();

    sandbox.browser().open("/signup");
    sandbox.browser().fill("Your name", "Eve again").fill("Email address", email);
    sandbox.browser().fill("Password", "another password").press("Create account");
    sandbox.browser().sees("An account with this email address exists already.");
    sandbox.browser().checkPage();
    sandbox.browser().snapshot("signup-taken");

    logIn(email, "correct horse battery");
    addToCart(vase, 2);
    // meanwhile someone takes one of the two
    var stock =
        sandbox
            .system()
            .send(
                "PUT",
                "/api/v1/products/" + vase + "/stock",
                "application/json",
                "{\"on_hand\":1}",
                sandbox.shop().admin);
    assertThat(stock.status()).isEqualTo(200);
    sandbox.browser().open("/checkout");
    sandbox.browser().fill("Shipping address", "2 Browser Street").press("Pay");
    sandbox.browser().sees("Not enough stock: only 1 of Vase");
    sandbox.browser().sees("is left (you asked for 2).");
    sandbox.browser().checkPage();
    assertThat(sandbox.browser().currentPath()).isEqualTo("/checkout");

    sandbox
        .browser()
        .open("/orders/" + UUID.randomUUID())
        .sees("This order does not exist (or is not yours).");
    sandbox.browser().checkPage();
  }

  @Test
  void tokensAreRenewedQuietlyAndAnEndedSessionAsksToLogInAgain() {
    signUp("Fay");
    String before =
        (String)
            sandbox
                .browser()
                .script("return JSON.parse(localStorage['orderpay.session']).refresh_token");

    // the API refuses the access token (401): the page renews it and asks again, unseen
    sandbox
        .browser()
        .script(
            "const s = JSON.parse(localStorage['orderpay.session']); s.access_token = 'not-a-token';"
                + " localStorage['orderpay.session'] = JSON.stringify(s);");
    sandbox.browser().follow("Orders");
    sandbox.browser().seesHeading("Your orders").sees("No orders yet.");
    String afterRejection =
        (String)
            sandbox
                .browser()
                .script("return JSON.parse(localStorage['orderpay.session']).refresh_token");
    assertThat(afterRejection).isNotEqualTo(before);

    // the access token is about to expire: renewed before the call
    sandbox
        .browser()
        .script(
            "const s = JSON.parse(localStorage['orderpay.session']); s.expires_at = 0;"
                + " localStorage['orderpay.session'] = JSON.stringify(s);");
    sandbox.browser().follow("Messages");
    sandbox.browser().seesHeading("Your messages");
    sandbox
        .browser()
        .waitFor(d -> !sandbox.browser().mainText().contains("Loading"), "the messages");
    assertThat(sandbox.browser().mainText()).doesNotContain("session", "went wrong");
    String afterExpiry =
        (String)
            sandbox
                .browser()
                .script("return JSON.parse(localStorage['orderpay.session']).refresh_token");
    assertThat(afterExpiry).isNotEqualTo(afterRejection);

    // a session that cannot be renewed ends: log in again, with a sentence saying why
    sandbox
        .browser()
        .script(
            "const s = JSON.parse(localStorage['orderpay.session']); s.expires_at = 0;"
                + " s.refresh_token = 'spent'; localStorage['orderpay.session'] = JSON.stringify(s);");
    sandbox.browser().follow("Orders");
    sandbox.browser().seesHeading("Log in").sees("Your session has ended. Please log in again.");
    assertThat(sandbox.browser().script("return localStorage['orderpay.session'] || null"))
        .isNull();
  }

  @Test
  void searchResultsPageAndEveryPageFitsA375PixelPhone() {
    String word = "Spoon" + unique();
    var ids = new ArrayList<String>();
    for (int i = 1; i <= 3; i++) {
      ids.add(product(word + " no. " + i, "Silver", 500 + i, 3));
    }
    sandbox.browser().open("/?q=" + word + "&page_size=2");
    sandbox.browser().seesHeading("Products matching “" + word + "”");
    sandbox
        .browser()
        .waitFor(d -> d.findElements(By.cssSelector(".products li")).size() == 2, "a page of two");
    sandbox.browser().checkPage();
    sandbox.browser().snapshot("products");
    sandbox.browser().follow("Next page");
    sandbox
        .browser()
        .waitFor(d -> d.findElements(By.cssSelector(".products li")).size() == 1, "the last one");
    sandbox.browser().follow("First page");
    sandbox
        .browser()
        .waitFor(d -> d.findElements(By.cssSelector(".products li")).size() == 2, "the first page");
    sandbox.browser().open("/?q=nothing-like-" + unique()).sees("No product matches");

    sandbox.browser().phone();
    sandbox.browser().open("/?q=" + word).sees(word + " no. 1");
    sandbox.browser().checkPage();
    sandbox.browser().snapshot("phone-products");
    signUp("Gus");
    addToCart(ids.getFirst(), 1);
    sandbox.browser().checkPage();
    sandbox.browser().open("/cart").sees("Total:");
    sandbox.browser().checkPage();
    String order = checkOut("Visa ending 4242");
    sandbox.browser().sees("Status: Paid");
    sandbox.browser().checkPage();
    sandbox.browser().snapshot("phone-order");
    sandbox.browser().open("/orders").sees("Order " + order.substring(0, 8));
    sandbox.browser().checkPage();
  }

  @Test
  void aCustomerCannotOpenTheAdminConsoleAndAnAdminCan() {
    sandbox
        .browser()
        .open("/admin")
        .seesHeading("Admins only")
        .sees("Log in with an admin account");
    sandbox.browser().checkPage();

    String email = signUp("Hal");
    sandbox.browser().open("/admin").seesHeading("Admins only");
    sandbox.browser().sees("You are logged in as " + email + ", a customer account.");
    assertThat(sandbox.browser().mainText()).doesNotContain("Operator console");
    sandbox.browser().checkPage();
    sandbox.browser().snapshot("admin-refused");
    sandbox.browser().press("Log out");

    logIn(sandbox.system().sandbox.adminEmail(), sandbox.system().sandbox.adminPassword());
    sandbox.browser().open("/admin").seesHeading("Operator console");
  }
}
