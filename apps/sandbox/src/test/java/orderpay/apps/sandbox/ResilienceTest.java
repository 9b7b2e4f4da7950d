package orderpay.apps.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import orderpay.adapters.grpc.GrpcChannels;
import orderpay.contracts.inventory.v1.InventoryServiceGrpc;
import orderpay.contracts.inventory.v1.ReservationLine;
import orderpay.contracts.inventory.v1.ReserveStockRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What keeps orders from getting stuck: reconciliation when webhooks never arrive, expiry of unpaid
 * orders, and the recovery of a saga a crash interrupted.
 */
class ResilienceTest {
  @RegisterExtension
  static final SandboxExtension sandbox =
      new SandboxExtension(
          Map.of(
              "STRIPE_EMULATOR_DROP_WEBHOOKS", "true",
              "PAYMENT_RECONCILE_AFTER", "1s",
              "PAYMENT_RECONCILE_INTERVAL", "200ms",
              "ORDER_PAYMENT_TTL", "4s",
              "ORDER_SWEEP_INTERVAL", "200ms",
              "ORDER_RECOVERY_GRACE", "1s"));

  @Test
  void aWebhookThatNeverArrivesIsReplacedByReconciliation() {
    String token = sandbox.shop().customer();
    String product = sandbox.shop().product(1300, 3);
    var order =
        sandbox.shop().order(token, product, 1, "pm_card_threeDSecure2Required", null).body();
    String intent = order.at("/payment/provider_payment_id").asText();
    sandbox
        .system()
        .sandbox
        .emulator()
        .orElseThrow()
        .completeAuthentication(intent); // its webhook is dropped
    sandbox.shop().awaitOrder(token, order.get("id").asText(), Shop.status("PAID"));
    Shop.await(
        () -> sandbox.shop().stock(product).get("on_hand").asLong() == 2,
        "the sale to be committed");
  }

  @Test
  void anOrderNeverPaidExpiresAndGivesItsStockBack() {
    String token = sandbox.shop().customer();
    String product = sandbox.shop().product(400, 5);
    var order = sandbox.shop().order(token, product, 3, null, null).body();
    assertThat(sandbox.shop().stock(product).get("reserved").asLong()).isEqualTo(3);
    var expired = sandbox.shop().awaitOrder(token, order.get("id").asText(), Shop.status("FAILED"));
    assertThat(expired.get("failure_reason").asText()).isEqualTo("payment_expired");
    Shop.await(
        () -> sandbox.shop().stock(product).get("reserved").asLong() == 0,
        "the hold to be released");
    String intent = order.at("/payment/provider_payment_id").asText();
    assertThat(
            sandbox.system().sandbox.emulator().orElseThrow().intent(intent).get("status").asText())
        .isEqualTo("canceled");
  }

  /**
   * The order service "crashed" right after the reservation: the order row says RESERVED, the stock
   * is held, no payment exists. The recovery job must finish the saga.
   */
  @Test
  void aSagaInterruptedBetweenReservationAndPaymentIsResumed() throws Exception {
    String token = sandbox.shop().customer();
    String userId = sandbox.system().get("/api/v1/users/me", token).body().get("id").asText();
    String product = sandbox.shop().product(2100, 4);
    UUID orderId = UUID.randomUUID();
    try (var channel =
        GrpcChannels.open(
            sandbox.system().sandbox.inventoryTarget(),
            Duration.ofSeconds(5),
            sandbox
                .system()
                .sandbox
                .credentials(orderpay.adapters.grpc.auth.Callers.ORDER_SERVICE))) {
      InventoryServiceGrpc.newBlockingStub(channel.channel())
          .reserveStock(
              ReserveStockRequest.newBuilder()
                  .setOrderId(orderId.toString())
                  .addLines(ReservationLine.newBuilder().setProductId(product).setQuantity(2))
                  .build());
    }
    recordInterruptedOrder(orderId, UUID.fromString(userId), UUID.fromString(product), "RESERVED");
    assertThat(sandbox.shop().stock(product).get("reserved").asLong()).isEqualTo(2);

    var resumed = sandbox.shop().awaitOrder(token, orderId.toString(), Shop.status("PAID"));
    assertThat(resumed.at("/payment/status").asText()).isEqualTo("SUCCEEDED");
    Shop.await(
        () -> sandbox.shop().stock(product).get("on_hand").asLong() == 2,
        "the sale to be committed");
    assertThat(sandbox.shop().stock(product).get("reserved").asLong()).isZero();
  }

  @Test
  void aSagaInterruptedBeforeTheReservationIsResumedFromTheStart() {
    String token = sandbox.shop().customer();
    String userId = sandbox.system().get("/api/v1/users/me", token).body().get("id").asText();
    String product = sandbox.shop().product(2100, 4);
    UUID orderId = UUID.randomUUID();
    recordInterruptedOrder(orderId, UUID.fromString(userId), UUID.fromString(product), "NEW");
    sandbox.shop().awaitOrder(token, orderId.toString(), Shop.status("PAID"));
    Shop.await(
        () -> sandbox.shop().stock(product).get("on_hand").asLong() == 2,
        "the sale to be committed");
  }

  /** Writes the order row a crashed order service would have left behind (a test hook). */
  private static void recordInterruptedOrder(
      UUID orderId, UUID userId, UUID productId, String step) {
    var env = sandbox.system().sandbox.environment();
    try (var db =
        DriverManager.getConnection(
            env.required("ORDER_DB_URL"), env.required("ORDER_DB_USER"), "")) {
      var past = Timestamp.from(Instant.now().minusSeconds(10));
      try (var order =
          db.prepareStatement(
              """
              INSERT INTO orders (id, user_id, status, saga_step, shipping_address, payment_method, total_minor,
                                  currency, created_at, updated_at)
              VALUES (?, ?, 'PENDING', ?, '1 Crash Lane', 'pm_card_visa', 4200, 'EUR', now(), ?)
              """)) {
        order.setObject(1, orderId);
        order.setObject(2, userId);
        order.setString(3, step);
        order.setTimestamp(4, past);
        order.executeUpdate();
      }
      try (var line =
          db.prepareStatement(
              "INSERT INTO order_lines (order_id, line_no, product_id, name, quantity, unit_price_minor) VALUES (?, 0, ?, 'Item', 2, 2100)")) {
        line.setObject(1, orderId);
        line.setObject(2, productId);
        line.executeUpdate();
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
