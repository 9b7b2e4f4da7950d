package orderpay.apps.order;

import java.time.Duration;
import orderpay.apps.kit.PaymentWindowSettings;
import orderpay.apps.kit.ServiceSettings;
import orderpay.domain.order.OrderLimits;
import orderpay.domain.order.PaymentWindow;
import orderpay.runtime.Env;

/**
 * The order service's settings. The payment window ({@code ORDER_PAYMENT_TTL}) is checked at
 * start-up against inventory's hold ({@code INVENTORY_RESERVATION_TTL}, same default as the
 * inventory service): a window that outlasts the hold refuses to start.
 */
public record OrderServiceConfig(
    ServiceSettings service,
    String productServiceTarget,
    String inventoryServiceTarget,
    String paymentServiceTarget,
    Duration downstreamDeadline,
    PaymentWindow paymentWindow,
    OrderLimits limits,
    Duration recoveryGrace,
    Duration sweepInterval,
    Duration followUpInterval) {
  public static OrderServiceConfig fromEnv(Env env) {
    var sweepInterval = env.duration("ORDER_SWEEP_INTERVAL", Duration.ofSeconds(5));
    return new OrderServiceConfig(
        ServiceSettings.fromEnv(env, "order", 50054),
        env.get("PRODUCT_SERVICE_TARGET", "127.0.0.1:50052"),
        env.get("INVENTORY_SERVICE_TARGET", "127.0.0.1:50053"),
        env.get("PAYMENT_SERVICE_TARGET", "127.0.0.1:50055"),
        env.duration("ORDER_DOWNSTREAM_DEADLINE", Duration.ofSeconds(25)),
        PaymentWindowSettings.fromEnv(env),
        new OrderLimits(
            env.integer("ORDER_MAX_OPEN_PER_USER", 10),
            env.integer("ORDER_MAX_OPEN_UNITS_PER_USER", 500)),
        env.duration("ORDER_RECOVERY_GRACE", Duration.ofSeconds(30)),
        sweepInterval,
        env.duration("ORDER_FOLLOW_UP_INTERVAL", Duration.ofMillis(250)));
  }

  public Duration paymentTtl() {
    return paymentWindow.paymentTtl();
  }
}
