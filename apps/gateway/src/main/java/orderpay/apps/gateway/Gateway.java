package orderpay.apps.gateway;

import jakarta.inject.Inject;
import orderpay.adapters.rest.CatalogRoutes;
import orderpay.adapters.rest.GatewayServer;
import orderpay.adapters.rest.UserRoutes;
import orderpay.adapters.runtime.Lifecycle;

/** The running gateway: HTTP in front, gRPC channels behind. */
public final class Gateway implements AutoCloseable {
  private final GatewayConfig config;
  private final Downstreams downstreams;
  private final UserRoutes userRoutes;
  private final CatalogRoutes catalogRoutes;
  private final Lifecycle lifecycle = new Lifecycle();
  private GatewayServer server;

  @Inject
  Gateway(
      GatewayConfig config,
      Downstreams downstreams,
      UserRoutes userRoutes,
      CatalogRoutes catalogRoutes) {
    this.config = config;
    this.downstreams = downstreams;
    this.userRoutes = userRoutes;
    this.catalogRoutes = catalogRoutes;
  }

  public Gateway start() {
    lifecycle.own(downstreams);
    server =
        lifecycle.own(
            GatewayServer.start(
                config.httpHost(),
                config.httpPort(),
                downstreams.forReadiness(),
                java.util.stream.Stream.concat(
                        userRoutes.routes().stream(), catalogRoutes.routes().stream())
                    .toList()));
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
