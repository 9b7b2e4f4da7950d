package orderpay.apps.gateway;

import dagger.Module;
import dagger.Provides;
import jakarta.inject.Singleton;
import java.time.Clock;
import orderpay.adapters.grpc.auth.UserSigningKeys;
import orderpay.adapters.rest.AdminDeadLetterRoutes;
import orderpay.adapters.rest.AdminOrderRoutes;
import orderpay.adapters.rest.AdminOverviewRoutes;
import orderpay.adapters.rest.AdminReconciliationRoutes;
import orderpay.adapters.rest.Authenticator;
import orderpay.adapters.rest.CatalogRoutes;
import orderpay.adapters.rest.GatewayMetrics;
import orderpay.adapters.rest.LoginThrottle;
import orderpay.adapters.rest.NotificationRoutes;
import orderpay.adapters.rest.OrderRoutes;
import orderpay.adapters.rest.RequestRateLimits;
import orderpay.adapters.rest.UserRoutes;
import orderpay.adapters.security.JwtVerifier;
import orderpay.contracts.deadletter.v1.DeadLetterServiceGrpc;
import orderpay.contracts.inventory.v1.InventoryServiceGrpc;
import orderpay.contracts.notification.v1.NotificationServiceGrpc;
import orderpay.contracts.order.v1.OrderServiceGrpc;
import orderpay.contracts.payment.v1.PaymentServiceGrpc;
import orderpay.contracts.product.v1.ProductServiceGrpc;
import orderpay.contracts.user.v1.UserServiceGrpc;

@Module
public interface GatewayModule {
  @Provides
  @Singleton
  static Downstreams downstreams(GatewayConfig config) {
    return Downstreams.open(config);
  }

  @Provides
  static UserServiceGrpc.UserServiceBlockingStub users(Downstreams downstreams) {
    return UserServiceGrpc.newBlockingStub(downstreams.user().channel());
  }

  @Provides
  static ProductServiceGrpc.ProductServiceBlockingStub products(Downstreams downstreams) {
    return ProductServiceGrpc.newBlockingStub(downstreams.product().channel());
  }

  @Provides
  static InventoryServiceGrpc.InventoryServiceBlockingStub inventory(Downstreams downstreams) {
    return InventoryServiceGrpc.newBlockingStub(downstreams.inventory().channel());
  }

  @Provides
  static OrderRoutes orderRoutes(Downstreams downstreams, Authenticator auth) {
    return new OrderRoutes(
        OrderServiceGrpc.newBlockingStub(downstreams.order().channel()),
        PaymentServiceGrpc.newBlockingStub(downstreams.payment().channel()),
        auth);
  }

  @Provides
  static AdminOrderRoutes adminOrderRoutes(
      Downstreams downstreams, UserServiceGrpc.UserServiceBlockingStub users, Authenticator auth) {
    return new AdminOrderRoutes(
        OrderServiceGrpc.newBlockingStub(downstreams.order().channel()),
        PaymentServiceGrpc.newBlockingStub(downstreams.payment().channel()),
        NotificationServiceGrpc.newBlockingStub(downstreams.notification().channel()),
        users,
        auth);
  }

  @Provides
  @Singleton
  static AdminReconciliationRoutes adminReconciliationRoutes(
      Downstreams downstreams, Authenticator auth, Clock clock) {
    return new AdminReconciliationRoutes(
        PaymentServiceGrpc.newBlockingStub(downstreams.payment().channel()),
        OrderServiceGrpc.newBlockingStub(downstreams.order().channel()),
        InventoryServiceGrpc.newBlockingStub(downstreams.inventory().channel()),
        auth,
        clock);
  }

  @Provides
  static NotificationRoutes notificationRoutes(Downstreams downstreams, Authenticator auth) {
    return new NotificationRoutes(
        NotificationServiceGrpc.newBlockingStub(downstreams.notification().channel()), auth);
  }

  /** The operator console's dead letters, served by the order service (ADR 0013). */
  @Provides
  static AdminDeadLetterRoutes adminDeadLetterRoutes(Downstreams downstreams, Authenticator auth) {
    return new AdminDeadLetterRoutes(
        DeadLetterServiceGrpc.newBlockingStub(downstreams.order().channel()), auth);
  }

  /** One registry: the server times requests into it, the overview reads order latency there. */
  @Provides
  @Singleton
  static GatewayMetrics metrics() {
    return new GatewayMetrics();
  }

  /** The operator console's overview: every backend service asked in parallel. */
  @Provides
  static AdminOverviewRoutes adminOverviewRoutes(
      Downstreams downstreams, GatewayMetrics metrics, Authenticator auth, Clock clock) {
    return new AdminOverviewRoutes(
        OrderServiceGrpc.newBlockingStub(downstreams.order().channel()),
        DeadLetterServiceGrpc.newBlockingStub(downstreams.order().channel()),
        downstreams.forReadiness(),
        metrics,
        auth,
        clock);
  }

  /** Public keys only: from the environment if pinned there, otherwise from the user service. */
  @Provides
  @Singleton
  static JwtVerifier verifier(GatewayConfig config, Downstreams downstreams, Clock clock) {
    return new JwtVerifier(
        UserSigningKeys.source(config.publicJwks(), downstreams.user().channel()), clock);
  }

  @Provides
  static Authenticator authenticator(JwtVerifier verifier) {
    return new Authenticator(verifier);
  }

  @Provides
  static UserRoutes userRoutes(
      UserServiceGrpc.UserServiceBlockingStub users, Authenticator auth, LoginThrottle throttle) {
    return new UserRoutes(users, auth, throttle);
  }

  @Provides
  @Singleton
  static LoginThrottle loginThrottle(GatewayConfig config, Clock clock) {
    return new LoginThrottle(
        config.loginAttemptsPerMinute(),
        java.time.Duration.ofMinutes(1),
        clock,
        config.loginThrottleMaxAccounts());
  }

  @Provides
  @Singleton
  static RequestRateLimits rateLimits(GatewayConfig config, Authenticator auth, Clock clock) {
    return new RequestRateLimits(config.rateLimits(), auth, clock);
  }

  @Provides
  static CatalogRoutes catalogRoutes(
      ProductServiceGrpc.ProductServiceBlockingStub products,
      InventoryServiceGrpc.InventoryServiceBlockingStub inventory,
      Authenticator auth) {
    return new CatalogRoutes(products, inventory, auth);
  }
}
