package orderpay.apps.gateway;

import jakarta.inject.Inject;
import orderpay.adapters.rest.GatewayMetrics;
import orderpay.adapters.rest.GatewayServer;
import orderpay.runtime.Lifecycle;

/** The running gateway: HTTP in front, gRPC channels behind. */
public final class Gateway implements AutoCloseable {
  private final GatewayConfig config;
  private final Downstreams downstreams;
  private final GatewayRoutes routes;
  private final GatewayMetrics metrics;
  private final Lifecycle lifecycle = new Lifecycle();
  private GatewayServer server;

  @Inject
  Gateway(
      GatewayConfig config, Downstreams downstreams, GatewayRoutes routes, GatewayMetrics metrics) {
    this.config = config;
    this.downstreams = downstreams;
    this.routes = routes;
    this.metrics = metrics;
  }

  public Gateway start() {
    lifecycle.own(downstreams);
    server =
        lifecycle.own(
            GatewayServer.start(
                config.httpHost(),
                config.httpPort(),
                downstreams.forReadiness(),
                routes.all(),
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
