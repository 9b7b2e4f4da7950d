package orderpay.apps.order;

import java.time.Duration;
import orderpay.adapters.runtime.Env;
import orderpay.apps.kit.ServiceSettings;

/**
 * The payment window ({@code ORDER_PAYMENT_TTL}) must stay shorter than inventory's reservation
 * TTL, so an order is settled while its stock is still held.
 */
public record OrderServiceConfig(
    ServiceSettings service,
    String productServiceTarget,
    String inventoryServiceTarget,
    String paymentServiceTarget,
    Duration downstreamDeadline,
    Duration paymentTtl,
    Duration recoveryGrace,
    Duration sweepInterval) {
  public static final int DEFAULT_PORT = 50054;

  public static OrderServiceConfig fromEnv(Env env) {
    return new OrderServiceConfig(
        ServiceSettings.fromEnv(env, "order", DEFAULT_PORT),
        env.get("PRODUCT_SERVICE_TARGET", "127.0.0.1:50052"),
        env.get("INVENTORY_SERVICE_TARGET", "127.0.0.1:50053"),
        env.get("PAYMENT_SERVICE_TARGET", "127.0.0.1:50055"),
        env.duration("ORDER_DOWNSTREAM_DEADLINE", Duration.ofSeconds(10)),
        env.duration("ORDER_PAYMENT_TTL", Duration.ofMinutes(10)),
        env.duration("ORDER_RECOVERY_GRACE", Duration.ofSeconds(30)),
        env.duration("ORDER_SWEEP_INTERVAL", Duration.ofSeconds(5)));
  }
}
