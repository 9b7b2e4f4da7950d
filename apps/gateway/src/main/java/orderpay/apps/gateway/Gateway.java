package orderpay.apps.gateway;

import jakarta.inject.Inject;
import java.util.List;
import orderpay.adapters.rest.AdminDeadLetterRoutes;
import orderpay.adapters.rest.AdminOrderRoutes;
import orderpay.adapters.rest.AdminOverviewRoutes;
import orderpay.adapters.rest.AdminReconciliationRoutes;
import orderpay.adapters.rest.CatalogRoutes;
import orderpay.adapters.rest.GatewayMetrics;
import orderpay.adapters.rest.GatewayServer;
import orderpay.adapters.rest.NotificationRoutes;
import orderpay.adapters.rest.OrderRoutes;
import orderpay.adapters.rest.RequestRateLimits;
import orderpay.adapters.rest.UserRoutes;
import orderpay.adapters.runtime.Lifecycle;

/** The running gateway: HTTP in front, gRPC channels behind. */
public final class Gateway implements AutoCloseable {
  private final GatewayConfig config;
  private final Downstreams downstreams;
  private final UserRoutes userRoutes;
  private final CatalogRoutes catalogRoutes;
  private final OrderRoutes orderRoutes;
  private final NotificationRoutes notificationRoutes;
  private final AdminDeadLetterRoutes adminDeadLetterRoutes;
  private final AdminOrderRoutes adminOrderRoutes;
  private final AdminReconciliationRoutes reconciliationRoutes;
  private final AdminOverviewRoutes overviewRoutes;
  private final GatewayMetrics metrics;
  private final RequestRateLimits rateLimits;
  private final Lifecycle lifecycle = new Lifecycle();
  private GatewayServer server;

  @Inject
  Gateway(
      GatewayConfig config,
      Downstreams downstreams,
      UserRoutes userRoutes,
      CatalogRoutes catalogRoutes,
      OrderRoutes orderRoutes,
      NotificationRoutes notificationRoutes,
      AdminDeadLetterRoutes adminDeadLetterRoutes,
      AdminOrderRoutes adminOrderRoutes,
      AdminReconciliationRoutes reconciliationRoutes,
      AdminOverviewRoutes overviewRoutes,
      GatewayMetrics metrics,
      RequestRateLimits rateLimits) {
    this.config = config;
    this.downstreams = downstreams;
    this.userRoutes = userRoutes;
    this.catalogRoutes = catalogRoutes;
    this.orderRoutes = orderRoutes;
    this.notificationRoutes = notificationRoutes;
    this.adminDeadLetterRoutes = adminDeadLetterRoutes;
    this.adminOrderRoutes = adminOrderRoutes;
    this.reconciliationRoutes = reconciliationRoutes;
    this.overviewRoutes = overviewRoutes;
    this.metrics = metrics;
    this.rateLimits = rateLimits;
  }

  public Gateway start() {
    lifecycle.own(downstreams);
    server =
        lifecycle.own(
            GatewayServer.start(
                config.httpHost(),
                config.httpPort(),
                downstreams.forReadiness(),
                rateLimits.guard(
                    java.util.stream.Stream.of(
                            userRoutes.routes(),
                            catalogRoutes.routes(),
                            orderRoutes.routes(),
                            notificationRoutes.routes(),
                            adminDeadLetterRoutes.routes(),
                            adminOrderRoutes.routes(),
                            reconciliationRoutes.routes(),
                            overviewRoutes.routes())
                        .flatMap(List::stream)
                        .toList()),
                metrics,
                config.storefront()));
    return this;
  }

  public String baseUrl() {
    return "http://" + config.httpHost() + ":" + server.port();
  }

  @Override
  public void close() {
    lifecycle.close();
  }
}
