package orderpay.apps.gateway;

import java.time.Duration;
import java.util.Optional;
import orderpay.adapters.rest.LoginThrottle;
import orderpay.adapters.runtime.Env;

public record GatewayConfig(
    String httpHost,
    int httpPort,
    String userServiceTarget,
    String productServiceTarget,
    String inventoryServiceTarget,
    String orderServiceTarget,
    String paymentServiceTarget,
    String notificationServiceTarget,
    Duration downstreamDeadline,
    Optional<String> publicJwks,
    int loginAttemptsPerMinute,
    int loginThrottleMaxAccounts) {

  public static GatewayConfig fromEnv(Env env) {
    return new GatewayConfig(
        env.get("GATEWAY_HOST", "127.0.0.1"),
        env.integer("GATEWAY_PORT", 8080),
        env.get("USER_SERVICE_TARGET", "127.0.0.1:50051"),
        env.get("PRODUCT_SERVICE_TARGET", "127.0.0.1:50052"),
        env.get("INVENTORY_SERVICE_TARGET", "127.0.0.1:50053"),
        env.get("ORDER_SERVICE_TARGET", "127.0.0.1:50054"),
        env.get("PAYMENT_SERVICE_TARGET", "127.0.0.1:50055"),
        env.get("NOTIFICATION_SERVICE_TARGET", "127.0.0.1:50056"),
        env.duration("GATEWAY_DOWNSTREAM_DEADLINE", Duration.ofSeconds(5)),
        env.optional("ORDERPAY_JWT_PUBLIC_JWKS"),
        env.integer("GATEWAY_LOGIN_ATTEMPTS_PER_MINUTE", 10),
        env.integer("GATEWAY_LOGIN_THROTTLE_MAX_ACCOUNTS", LoginThrottle.DEFAULT_MAX_ACCOUNTS));
  }
}
