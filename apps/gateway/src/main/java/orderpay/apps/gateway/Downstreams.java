package orderpay.apps.gateway;

import java.util.List;
import orderpay.adapters.grpc.GrpcChannels;
import orderpay.adapters.rest.Downstream;

/** One channel per backend service; the gateway owns and closes them. */
public record Downstreams(
    GrpcChannels.Client user, GrpcChannels.Client product, GrpcChannels.Client inventory)
    implements AutoCloseable {

  static Downstreams open(GatewayConfig config) {
    return new Downstreams(
        GrpcChannels.open(config.userServiceTarget(), config.downstreamDeadline()),
        GrpcChannels.open(config.productServiceTarget(), config.downstreamDeadline()),
        GrpcChannels.open(config.inventoryServiceTarget(), config.downstreamDeadline()));
  }

  List<Downstream> forReadiness() {
    return List.of(
        new Downstream("user-service", user.channel()),
        new Downstream("product-service", product.channel()),
        new Downstream("inventory-service", inventory.channel()));
  }

  @Override
  public void close() {
    user.close();
    product.close();
    inventory.close();
  }
}
