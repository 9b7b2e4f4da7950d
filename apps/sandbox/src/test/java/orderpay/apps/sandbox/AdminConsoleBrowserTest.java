package orderpay.apps.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import orderpay.contracts.events.v1.ProductChanged;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The operator console at {@code /admin} in a real browser on the whole system: an admin finds a
 * customer's order, reads its whole story (saga steps, events, the payment, the emails, the trace
 * id) and refunds it; retries and cancels a saga left pending; replays a parked dead letter; edits
 * products and stock. Everything goes through the admin REST API.
 */
class AdminConsoleBrowserTest {
  private static final String PASSWORD = "correct horse battery";

  private static RunningSandbox system;
  private static Shop shop;
  private static Browser browser;
  private static DeadLetterDrops kafka;

  @RegisterExtension
  static final Browser.FailureScreenshots failures = new Browser.FailureScreenshots(() -> browser);

  @BeforeAll
  static void start() {
    Browser.assumeInstalled();
    system = RunningSandbox.start(AdminConsoleBrowserTest.class);
    shop = new Shop(system);
    browser = Browser.start(system.sandbox.gatewayUrl());
    kafka = new DeadLetterDrops(system);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (kafka != null) {
      kafka.close();
    }
    if (system != null) {
      system.close();
    }
  }

  @BeforeEach
  void anAdminLogsIn() {
    browser.desktop();
    browser.forgetEverything();
    browser.open("/login");
    browser
        .fill("Email address", system.sandbox.adminEmail())
        .fill("Password", system.sandbox.adminPassword())
        .press("Log in");
    browser.waitFor(
        d -> d.findElement(By.id("nav")).getText().contains("Console"), "the admin's nav");
  }

  /** A customer signed up through the API; returns their email address. */
  private static String customerEmail() {
    String email = "buyer-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    var reply =
        system.post(
            "/api/v1/users",
            "{\"email\":\"%s\",\"password\":\"%s\",\"name\":\"Grace\"}".formatted(email, PASSWORD));
    assertThat(reply.status()).as("%s", reply.text()).isEqualTo(201);
    return email;
  }

  private static String placedOrder(String token, String paymentMethod) {
    var placed = shop.order(token, shop.product(1999, 5), 1, paymentMethod, null);
    assertThat(placed.status()).as("%s", placed.text()).isEqualTo(201);
    return placed.body().get("id").asText();
  }

  private static int emails(String token, String orderId) {
    return system
        .get("/api/v1/notifications?order_id=" + orderId, token)
        .body()
        .get("notifications")
        .size();
  }

  @Test
  void anAdminFindsACustomersOrderReadsItsTimelineAndRefundsIt() {
    String email = customerEmail();
    String token = shop.login(email, PASSWORD);
    String order = placedOrder(token, "pm_card_visa");
    shop.awaitOrder(token, order, Shop.status("PAID"));
    Shop.await(() -> emails(token, order) == 2, "the two emails of order " + order);

    browser.open("/admin").seesHeading("Operator console");
    browser.fill("Customer", email).press("Show orders");
    browser.waitFor(d -> browser.currentPath().contains("customer="), "the filtered list");
    browser.sees(order.substring(0, 8)).checkPage();
    browser.follow(order.substring(0, 8));
    browser.seesHeading("Order " + order.substring(0, 8)).sees("Status: Paid");
    String trace = browser.element(By.className("trace-id")).getText();
    assertThat(trace).matches("[0-9a-f]{32}");
    String story = browser.element(By.className("story")).getText();
    assertThat(story)
        .contains("Order", "Payment", "Email")
        .contains("order_confirmation")
        .contains("payment_succeeded");
    browser.checkPage();
    browser.snapshot("admin-order");

    browser.press("Refund the order");
    browser.sees("Status: Refunded");
    assertThat(shop.getOrder(shop.admin, order).get("status").asText()).isEqualTo("REFUNDED");

    // Stripe, the orders and the stock agree on it: refunded everywhere, units back on the shelf
    Shop.await(
        () ->
            shop.stock(shop.getOrder(shop.admin, order).at("/items/0/product_id").asText())
                    .get("on_hand")
                    .asLong()
                == 5,
        "the refunded unit back on the shelf");
    browser.open("/admin/reconciliation?days=1").seesHeading("Reconciliation");
    browser.sees("Stripe intents").checkPage();
    assertThat(browser.mainText()).doesNotContain(order.substring(0, 8));
    browser.snapshot("admin-reconciliation");
  }

  @Test
  void anAdminRetriesAndCancelsASagaLeftPending() {
    String token = shop.login(customerEmail(), PASSWORD);
    // no card: the order waits for the customer's own confirmation, pending until then
    String order = placedOrder(token, null);

    browser.open("/admin/stuck?minutes=0").seesHeading("Stuck sagas");
    browser.sees(order.substring(0, 8)).checkPage();
    browser.snapshot("admin-stuck");
    browser.follow(order.substring(0, 8));
    browser.sees("Status: Awaiting payment").press("Retry the saga now");
    browser.waitFor(
        d -> d.findElement(By.id("notice")).getText().contains("Saga retried"), "the retry");
    browser.press("Cancel the order");
    browser.sees("Status: Cancelled");
    assertThat(shop.getOrder(token, order).get("status").asText()).isEqualTo("CANCELLED");
    browser.open("/admin/stuck?minutes=0");
    browser.waitFor(
        d -> !browser.mainText().contains("Looking for") && !browser.mainText().contains(order),
        "the cancelled order gone from the stuck list");
    assertThat(browser.mainText()).doesNotContain(order.substring(0, 8));
  }

  @Test
  void anAdminAddsAProductCountsItsStockAndChangesItsPrice() {
    String name = "Kettle-" + UUID.randomUUID().toString().substring(0, 8);
    browser.open("/admin/products").seesHeading("Products and stock");
    browser
        .fill("Name", name)
        .fill("Description", "Whistles when ready")
        .fill("Price (EUR)", "34.50")
        .fill("Units on hand", "7")
        .press("Add product");
    browser.waitFor(
        d -> d.findElement(By.id("notice")).getText().contains(name + " added"), "the new product");
    String id = // found the way a customer would
        system
            .get("/api/v1/products?q=" + name.toLowerCase(), null)
            .body()
            .get("products")
            .get(0)
            .get("id")
            .asText();
    Shop.await(
        () -> system.get("/api/v1/products/" + id + "/stock", null).status() == 200,
        "inventory to know " + name);
    browser.sees("7 on hand").checkPage();
    browser.snapshot("admin-products");

    // the new-product form has a field of the same label: this product's fields by id
    var stockField = browser.element(By.id("stock-" + id));
    stockField.clear();
    stockField.sendKeys("12");
    browser.element(By.cssSelector("[aria-label='Set stock of " + name + "']")).click();
    browser.waitFor(
        d -> shop.stock(id).get("on_hand").asLong() == 12, "the stock to be counted anew");

    var priceField = browser.element(By.id("price-" + id));
    priceField.clear();
    priceField.sendKeys("29.99");
    browser.element(By.cssSelector("[aria-label='Save " + name + "']")).click();
    browser.waitFor(
        d ->
            system.get("/api/v1/products/" + id, null).body().get("price").get("amount").asLong()
                == 2999,
        "the new price");
  }

  @Test
  void anAdminSeesAParkedDeadLetterAndReplaysIt() {
    // inventory gave up on a product's creation (its database refused it three times); now fixed
    String productId = UUID.randomUUID().toString();
    var created =
        ProductChanged.newBuilder()
            .setProductId(productId)
            .setChange(ProductChanged.Change.CHANGE_CREATED)
            .setName("Parked teapot")
            .setInitialStock(4)
            .build();
    kafka.park(
        "product.changed",
        productId,
        "ProductCreated",
        created.toByteArray(),
        "could not serialize access due to concurrent update",
        3,
        "inventory-product-events");

    browser.open("/admin/dead-letters").seesHeading("Dead letters");
    browser.sees("could not serialize access due to concurrent update");
    browser.element(By.tagName("summary")).click(); // the payload, decoded
    browser.sees("Parked teapot");
    browser.checkPage();
    browser.snapshot("admin-dead-letters");
    assertThat(system.get("/api/v1/products/" + productId + "/stock", null).status())
        .isEqualTo(404);

    browser.press("Replay message");
    browser.waitFor(
        d -> d.findElement(By.id("notice")).getText().contains("replayed"), "the replay");
    Shop.await(
        () -> system.get("/api/v1/products/" + productId + "/stock", null).status() == 200,
        "inventory to apply the replayed creation");
    assertThat(shop.stock(productId).get("on_hand").asLong()).isEqualTo(4);
    browser.sees("No message is parked.");
  }
}
