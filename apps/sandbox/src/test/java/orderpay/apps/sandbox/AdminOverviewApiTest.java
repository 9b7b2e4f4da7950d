package orderpay.apps.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import orderpay.adapters.kafka.KafkaTopics;
import orderpay.contracts.events.v1.ProductChanged;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator console's overview through the gateway: this class's orders per minute, the
 * gateway's order latency, every backend service's outbox and consumers, and the dead letters, for
 * admins only.
 */
class AdminOverviewApiTest {
  private static final String OVERVIEW = "/api/v1/admin/overview";
  private static final List<String> BACKEND_SERVICES =
      List.of(
          "user-service",
          "product-service",
          "inventory-service",
          "order-service",
          "payment-service",
          "notification-service");

  private static RunningSandbox system;
  private static Shop shop;
  private static DeadLetterDrops kafka;

  @BeforeAll
  static void start() {
    system = RunningSandbox.start(AdminOverviewApiTest.class);
    shop = new Shop(system);
    kafka = new DeadLetterDrops(system);
  }

  @AfterAll
  static void stop() {
    kafka.close();
    system.close();
  }

  private static JsonNode overview() {
    var reply = system.get(OVERVIEW, shop.admin);
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    return reply.body();
  }

  private static long total(JsonNode overview, String field) {
    return StreamSupport.stream(overview.get("orders_per_minute").spliterator(), false)
        .mapToLong(minute -> minute.get(field).asLong())
        .sum();
  }

  @Test
  void anAdminSeesOrdersPerMinuteLatencyEveryServiceAndTheDeadLetters() {
    String customer = shop.customer();
    String product = shop.product(1800, 10);
    var paid = shop.order(customer, product, 1, "pm_card_visa", null);
    var declined = shop.order(customer, product, 1, "pm_card_chargeDeclined", null);
    assertThat(paid.status()).isEqualTo(201);
    assertThat(declined.status()).isEqualTo(201);
    shop.awaitOrder(customer, paid.body().get("id").asText(), Shop.status("PAID"));
    shop.awaitOrder(customer, declined.body().get("id").asText(), Shop.status("FAILED"));

    // the orders were placed within the last minutes: this class's system holds no others
    var overview = overview();
    Instant at = Instant.parse(overview.get("at").asText());
    var minutes = overview.get("orders_per_minute");
    assertThat(minutes).hasSize(15);
    assertThat(Instant.parse(minutes.get(14).get("minute").asText()))
        .isEqualTo(at.truncatedTo(ChronoUnit.MINUTES));
    assertThat(Instant.parse(minutes.get(0).get("minute").asText()))
        .isEqualTo(at.truncatedTo(ChronoUnit.MINUTES).minus(14, ChronoUnit.MINUTES));
    assertThat(total(overview, "created")).isEqualTo(2);
    assertThat(total(overview, "paid")).isEqualTo(1);
    assertThat(total(overview, "failed")).isEqualTo(1);
    // all in the current minute, unless the minute turned while the test ran
    var current = minutes.get(14);
    if (Instant.parse(paid.body().get("created_at").asText())
        .truncatedTo(ChronoUnit.MINUTES)
        .equals(at.truncatedTo(ChronoUnit.MINUTES))) {
      assertThat(current.get("created").asLong()).isEqualTo(2);
      assertThat(current.get("paid").asLong()).isEqualTo(1);
      assertThat(current.get("failed").asLong()).isEqualTo(1);
    }

    var latency = overview.get("order_latency_ms");
    assertThat(latency.get("count").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(latency.get("p50").asDouble()).isPositive();
    assertThat(latency.get("p99").asDouble()).isGreaterThanOrEqualTo(latency.get("p50").asDouble());

    var services = overview.get("services");
    assertThat(services)
        .extracting(s -> s.get("service").asText())
        .containsExactlyInAnyOrderElementsOf(BACKEND_SERVICES);
    for (JsonNode service : services) {
      String name = service.get("service").asText();
      assertThat(service.get("reachable").asBoolean()).as(name).isTrue();
      assertThat(service.get("outbox_pending").isIntegralNumber()).as(name).isTrue();
      assertThat(service.get("outbox_pending").asLong()).as(name).isNotNegative();
      assertThat(service.get("outbox_oldest_age_seconds").isNumber()).as(name).isTrue();
      assertThat(service.get("outbox_oldest_age_seconds").asDouble()).as(name).isNotNegative();
      assertThat(service.get("consumer_lag").isArray()).as(name).isTrue();
    }
    var orderService =
        StreamSupport.stream(services.spliterator(), false)
            .filter(s -> s.get("service").asText().equals("order-service"))
            .findFirst()
            .orElseThrow();
    assertThat(orderService.get("consumer_lag"))
        .extracting(lag -> lag.get("consumer").asText())
        .contains(
            KafkaTopics.ORDER_PAYMENT_EVENTS.group(), KafkaTopics.ORDER_INVENTORY_EVENTS.group());
    assertThat(overview.at("/dead_letters/reachable").asBoolean()).isTrue();
    assertThat(overview.at("/dead_letters/depth").asLong()).isZero();

    // inventory gave up on a product's creation: one message waits in product.changed.dlq
    String productId = UUID.randomUUID().toString();
    kafka.park(
        KafkaTopics.PRODUCT_CHANGED,
        productId,
        "ProductCreated",
        ProductChanged.newBuilder()
            .setProductId(productId)
            .setChange(ProductChanged.Change.CHANGE_CREATED)
            .setName("Parked lamp")
            .setInitialStock(3)
            .build()
            .toByteArray(),
        "could not serialize access due to concurrent update",
        5,
        KafkaTopics.INVENTORY_PRODUCT_EVENTS.group());
    Shop.await(
        () -> overview().at("/dead_letters/depth").asLong() == 1,
        "the overview to count the parked message");
  }

  @Test
  void theOverviewIsForAdminsOnly() {
    var refused = system.get(OVERVIEW, shop.customer());
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body().at("/error/code").asText()).isEqualTo("forbidden");
    var anonymous = system.get(OVERVIEW, null);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.body().at("/error/code").asText()).isEqualTo("unauthenticated");
  }
}
