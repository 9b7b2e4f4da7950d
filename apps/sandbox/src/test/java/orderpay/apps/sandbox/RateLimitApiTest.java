package orderpay.apps.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** API.md "Limits": per-address and per-account rate limits end to end, with low limits. */
class RateLimitApiTest {
  private static RunningSandbox system;

  @BeforeAll
  static void start() {
    system =
        RunningSandbox.start(
            RateLimitApiTest.class,
            Map.of(
                "GATEWAY_RATE_LIMIT_SIGN_UP", "2/1h",
                "GATEWAY_RATE_LIMIT_ORDERS_PER_ACCOUNT", "1/1h"));
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  private static void assertRateLimited(RunningSandbox.Reply reply, long maxRetryAfterSeconds) {
    assertThat(reply.status()).as("status of %s", reply.text()).isEqualTo(429);
    assertThat(reply.body().at("/error/code").asText()).isEqualTo("rate_limited");
    assertThat(reply.headers().get("retry-after")).hasSize(1);
    assertThat(Long.parseLong(reply.headers().get("retry-after").get(0)))
        .isBetween(1L, maxRetryAfterSeconds);
  }

  /** One scenario, since every step spends the same address's sign-up budget. */
  @Test
  void refusedSignUpsAndOrdersAre429WithRetryAfterAndChangeNothing() {
    var shop = new Shop(system);
    String product = shop.product(1000, 10);
    String customer = shop.customer(); // the first sign-up of this address

    assertThat(
            system
                .post(
                    "/api/v1/users",
                    "{\"email\":\"second@example.com\",\"password\":\"second-pass\",\"name\":\"S\"}")
                .status())
        .isEqualTo(201);
    assertRateLimited(
        system.post(
            "/api/v1/users",
            "{\"email\":\"third@example.com\",\"password\":\"third-pass\",\"name\":\"T\"}"),
        1800);
    assertThat(
            system
                .post(
                    "/api/v1/auth/token",
                    "{\"email\":\"third@example.com\",\"password\":\"third-pass\"}")
                .status())
        .as("the refused sign-up created no account")
        .isEqualTo(401);

    assertThat(shop.order(customer, product, 1, "pm_card_visa", null).status()).isEqualTo(201);
    assertRateLimited(shop.order(customer, product, 2, "pm_card_visa", null), 3600);
    var orders = system.get("/api/v1/orders?page_size=100", customer).body().get("orders");
    assertThat(orders).as("the refused order was not placed").hasSize(1);
    Shop.await(
        () -> shop.stock(product).get("on_hand").asLong() == 9, "the paid unit to be committed");
    assertThat(shop.stock(product).get("reserved").asLong()).isZero();

    String other = shop.login("second@example.com", "second-pass");
    assertThat(shop.order(other, product, 1, "pm_card_visa", null).status())
        .as("another account has its own budget")
        .isEqualTo(201);
  }
}
