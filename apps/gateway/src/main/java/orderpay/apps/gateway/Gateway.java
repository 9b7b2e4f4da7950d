package orderpay.apps.gateway;

import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import orderpay.adapters.grpc.GrpcChannels;
import orderpay.adapters.rest.Downstream;
import orderpay.adapters.rest.GatewayServer;
import orderpay.adapters.rest.UserRoutes;
import orderpay.adapters.runtime.Lifecycle;

/** The running gateway: HTTP in front, gRPC channels behind. */
public final class Gateway implements AutoCloseable {
  private final GatewayConfig config;
  private final GrpcChannels.Client userChannel;
  private final UserRoutes userRoutes;
  private final Lifecycle lifecycle = new Lifecycle();
  private GatewayServer server;

  @Inject
  Gateway(
      GatewayConfig config, @Named("user") GrpcChannels.Client userChannel, UserRoutes userRoutes) {
    this.config = config;
    this.userChannel = userChannel;
    this.userRoutes = userRoutes;
  }

  public Gateway start() {
    lifecycle.own(userChannel);
    server =
        lifecycle.own(
            GatewayServer.start(
                config.httpHost(),
                config.httpPort(),
                List.of(new Downstream("user-service", userChannel.channel())),
                List.of(userRoutes::register)));
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
