package orderpay.apps.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
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

  @RegisterExtension static final BrowserSandboxExtension sandbox = new BrowserSandboxExtension();
  private static DeadLetterDrops kafka;

  @BeforeAll
  static void start() {
    kafka = new DeadLetterDrops(sandbox.system());
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @BeforeEach
  void anAdminLogsIn() {
    sandbox.browser().desktop();
    sandbox.browser().forgetEverything();
    sandbox.browser().open("/login");
    sandbox
        .browser()
        .fill("Email address", sandbox.system().sandbox.adminEmail())
        .fill("Password", sandbox.system().sandbox.adminPassword())
        .press("Log in");
    sandbox
        .browser()
        .waitFor(d -> d.findElement(By.id("nav")).getText().contains("Console"), "the admin's nav");
  }

  /** A customer signed up through the API; returns their email address. */
  private static String customerEmail() {
    String email = "buyer-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    var reply =
        sandbox
            .system()
            .post(
                "/api/v1/users",
                "{\"email\":\"%s\",\"password\":\"%s\",\"name\":\"Grace\"}"
                    .formatted(email, PASSWORD));
    assertThat(reply.status()).as("%s", reply.text()).isEqualTo(201);
    return email;
  }

  private static String placedOrder(String token, String paymentMethod) {
    var placed =
        sandbox.shop().order(token, sandbox.shop().product(1999, 5), 1, paymentMethod, null);
    assertThat(placed.status()).as("%s", placed.text()).isEqualTo(201);
    return placed.body().get("id").asText();
  }

  private static int emails(String token, String orderId) {
    return sandbox
        .system()
        .get("/api/v1/notifications?order_id=" + orderId, token)
        .body()
        .get("notifications")
        .size();
  }

  @Test
  void anAdminFindsACustomersOrderReadsItsTimelineAndRefundsIt() {
    String email = customerEmail();
    String token = sandbox.shop().login(email, PASSWORD);
    String order = placedOrder(token, "pm_card_visa");
    sandbox.shop().awaitOrder(token, order, Shop.status("PAID"));
    Shop.await(() -> emails(token, order) == 2, "the two emails of order " + order);

    sandbox.browser().open("/admin").seesHeading("Operator console");
    // the overview: orders of the last minutes, and every backend service answering
    sandbox.browser().sees("Orders in the last 5 minutes").sees("1 paid");
    for (String service :
        List.of("user", "product", "inventory", "order", "payment", "notification")) {
      sandbox.browser().sees(service + "-service");
    }
    assertThat(sandbox.browser().mainText()).doesNotContain("no answer");
    sandbox.browser().snapshot("admin-overview");
    sandbox.browser().fill("Customer", email).press("Show orders");
    sandbox
        .browser()
        .waitFor(d -> sandbox.browser().currentPath().contains("customer="), "the filtered list");
    sandbox.browser().sees(order.substring(0, 8)).checkPage();
    sandbox.browser().follow(order.substring(0, 8));
    sandbox.browser().seesHeading("Order " + order.substring(0, 8)).sees("Status: Paid");
    String trace = sandbox.browser().element(By.className("trace-id")).getText();
    assertThat(trace).matches("[0-9a-f]{32}");
    String story = sandbox.browser().element(By.className("story")).getText();
    assertThat(story)
        .contains("Order", "Payment", "Email")
        .contains("order_confirmation")
        .contains("payment_succeeded");
    sandbox.browser().checkPage();
    sandbox.browser().snapshot("admin-order");

    sandbox.browser().press("Refund the order");
    sandbox.browser().sees("Status: Refunded");
    assertThat(sandbox.shop().getOrder(sandbox.shop().admin, order).get("status").asText())
        .isEqualTo("REFUNDED");

    // Stripe, the orders and the stock agree on it: refunded everywhere, units back on the shelf
    Shop.await(
        () ->
            sandbox
                    .shop()
                    .stock(
                        sandbox
                            .shop()
                            .getOrder(sandbox.shop().admin, order)
                            .at("/items/0/product_id")
                            .asText())
                    .get("on_hand")
                    .asLong()
                == 5,
        "the refunded unit back on the shelf");
    sandbox.browser().open("/admin/reconciliation?days=1").seesHeading("Reconciliation");
    sandbox.browser().sees("Stripe intents").checkPage();
    assertThat(sandbox.browser().mainText()).doesNotContain(order.substring(0, 8));
    sandbox.browser().snapshot("admin-reconciliation");
  }

  @Test
  void anAdminRetriesAndCancelsASagaLeftPending() {
    String token = sandbox.shop().login(customerEmail(), PASSWORD);
    // no card: the order waits for the customer's own confirmation, pending until then
    String order = placedOrder(token, null);

    sandbox.browser().open("/admin/stuck?minutes=0").seesHeading("Stuck sagas");
    sandbox.browser().sees(order.substring(0, 8)).checkPage();
    sandbox.browser().snapshot("admin-stuck");
    sandbox.browser().follow(order.substring(0, 8));
    sandbox.browser().sees("Status: Awaiting payment").press("Retry the saga now");
    sandbox
        .browser()
        .waitFor(
            d -> d.findElement(By.id("notice")).getText().contains("Saga retried"), "the retry");
    sandbox.browser().press("Cancel the order");
    sandbox.browser().sees("Status: Cancelled");
    assertThat(sandbox.shop().getOrder(token, order).get("status").asText()).isEqualTo("CANCELLED");
    sandbox.browser().open("/admin/stuck?minutes=0");
    sandbox
        .browser()
        .waitFor(
            d ->
                !sandbox.browser().mainText().contains("Looking for")
                    && !sandbox.browser().mainText().contains(order),
            "the cancelled order gone from the stuck list");
    assertThat(sandbox.browser().mainText()).doesNotContain(order.substring(0, 8));
  }

  @Test
  void anAdminAddsAProductCountsItsStockAndChangesItsPrice() {
    String name = "Kettle-" + UUID.randomUUID().toString().substring(0, 8);
    sandbox.browser().open("/admin/products").seesHeading("Products and stock");
    sandbox
        .browser()
        .fill("Name", name)
        .fill("Description", "Whistles when ready")
        .fill("Price (EUR)", "34.50")
        .fill("Units on hand", "7")
        .press("Add product");
    sandbox
        .browser()
        .waitFor(
            d -> d.findElement(By.id("notice")).getText().contains(name + " added"),
            "the new product");
    String id = // found the way a customer would
        sandbox
            .system()
            .get("/api/v1/products?q=" + name.toLowerCase(), null)
            .body()
            .get("products")
            .get(0)
            .get("id")
            .asText();
    Shop.await(
        () -> sandbox.system().get("/api/v1/products/" + id + "/stock", null).status() == 200,
        "inventory to know " + name);
    // the list may have loaded before inventory heard of the product: look again, as an operator
    // would
    sandbox.browser().open("/admin/products").sees("7 on hand").checkPage();
    sandbox.browser().snapshot("admin-products");

    // the new-product form has a field of the same label: this product's fields by id
    var stockField = sandbox.browser().element(By.id("stock-" + id));
    stockField.clear();
    stockField.sendKeys("12");
    sandbox.browser().element(By.cssSelector("[aria-label='Set stock of " + name + "']")).click();
    sandbox
        .browser()
        .waitFor(
            d -> sandbox.shop().stock(id).get("on_hand").asLong() == 12,
            "the stock to be counted anew");
    // the page re-renders the catalog after the change: its fields are replaced, wait for that
    sandbox.browser().sees("12 on hand");

    var priceField = sandbox.browser().element(By.id("price-" + id));
    priceField.clear();
    priceField.sendKeys("29.99");
    sandbox.browser().element(By.cssSelector("[aria-label='Save " + name + "']")).click();
    sandbox
        .browser()
        .waitFor(
            d ->
                sandbox
                        .system()
                        .get("/api/v1/products/" + id, null)
                        .body()
                        .get("price")
                        .get("amount")
                        .asLong()
                    == 2999,
            "the new price");
  }

  @Test
  void anAdminSeesAParkedDeadLetterAndReplaysIt() {
    // inventory gave up on a product's creation (its database refused it three times); now fixed
    String productId = UUID.randomUUID().toString();
    kafka.parkProductCreation(
        productId, "Parked teapot", 4, "could not serialize access due to concurrent update", 3);

    sandbox.browser().open("/admin/dead-letters").seesHeading("Dead letters");
    sandbox.browser().sees("could not serialize access due to concurrent update");
    sandbox.browser().element(By.tagName("summary")).click(); // the payload, decoded
    sandbox.browser().sees("Parked teapot");
    sandbox.browser().checkPage();
    sandbox.browser().snapshot("admin-dead-letters");
    assertThat(sandbox.system().get("/api/v1/products/" + productId + "/stock", null).status())
        .isEqualTo(404);

    sandbox.browser().press("Replay message");
    sandbox
        .browser()
        .waitFor(d -> d.findElement(By.id("notice")).getText().contains("replayed"), "the replay");
    Shop.await(
        () ->
            sandbox.system().get("/api/v1/products/" + productId + "/stock", null).status() == 200,
        "inventory to apply the replayed creation");
    assertThat(sandbox.shop().stock(productId).get("on_hand").asLong()).isEqualTo(4);
    sandbox.browser().sees("No message is parked.");
  }
}
