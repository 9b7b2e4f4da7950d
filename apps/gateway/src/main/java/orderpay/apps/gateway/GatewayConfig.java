package orderpay.apps.gateway;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import orderpay.adapters.grpc.auth.ServiceKey;
import orderpay.adapters.rest.LoginThrottle;
import orderpay.adapters.rest.RequestRateLimits;
import orderpay.adapters.rest.RequestRateLimits.Group;
import orderpay.adapters.rest.RequestRateLimits.Rate;
import orderpay.adapters.rest.StorefrontSettings;
import orderpay.runtime.Env;

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
    int loginThrottleMaxAccounts,
    RequestRateLimits.Settings rateLimits,
    ServiceKey serviceKey,
    StorefrontSettings storefront) {

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
        env.duration("GATEWAY_DOWNSTREAM_DEADLINE", Duration.ofSeconds(30)),
        env.optional("ORDERPAY_JWT_PUBLIC_JWKS"),
        env.integer("GATEWAY_LOGIN_ATTEMPTS_PER_MINUTE", 10),
        env.integer("GATEWAY_LOGIN_THROTTLE_MAX_ACCOUNTS", LoginThrottle.DEFAULT_MAX_ACCOUNTS),
        rateLimits(env),
        ServiceKey.of(env.required(ServiceKey.VARIABLE)),
        // with a publishable key the storefront confirms payments with Stripe.js's Payment Element
        StorefrontSettings.of(
            env.optional("STRIPE_PUBLISHABLE_KEY"),
            env.get("STRIPE_JS_URL", StorefrontSettings.STRIPE_JS.toString())));
  }

  /**
   * Per client address (and per account for orders); generous enough for a busy shop behind one
   * address and for {@code ./orderpay bench}, which orders from 127.0.0.1 as a few users.
   */
  private static RequestRateLimits.Settings rateLimits(Env env) {
    return new RequestRateLimits.Settings(
        Map.of(
            Group.SIGN_UP, rate(env, "GATEWAY_RATE_LIMIT_SIGN_UP", "60/1m"),
            Group.LOGIN, rate(env, "GATEWAY_RATE_LIMIT_LOGIN", "300/1m"),
            Group.REFRESH, rate(env, "GATEWAY_RATE_LIMIT_REFRESH", "300/1m"),
            Group.ORDER_CREATION, rate(env, "GATEWAY_RATE_LIMIT_ORDERS", "200/2s")),
        rate(env, "GATEWAY_RATE_LIMIT_ORDERS_PER_ACCOUNT", "100/5s"),
        env.integer(
            "GATEWAY_RATE_LIMIT_MAX_CLIENTS", RequestRateLimits.DEFAULT_MAX_TRACKED_CLIENTS));
  }

  /**
   * {@code <burst>/<period>} (e.g. {@code 200/2s}: 200 at once, refilled at 100 a second) or off.
   */
  private static Optional<Rate> rate(Env env, String name, String fallback) {
    String value = env.get(name, fallback).strip();
    if (value.equalsIgnoreCase("off")) {
      return Optional.empty();
    }
    int slash = value.indexOf('/');
    try {
      int burst = Integer.parseInt(value.substring(0, Math.max(0, slash)));
      Duration per = new Env(Map.of(name, value.substring(slash + 1))).duration(name, null);
      return Optional.of(new Rate(burst, per));
    } catch (IllegalArgumentException | IndexOutOfBoundsException malformed) {
      throw new IllegalArgumentException(
          name + " must look like 200/2s (burst/period) or off, got '" + value + "'");
    }
  }
}
