package orderpay.apps.gateway;

import java.util.List;
import orderpay.adapters.grpc.GrpcChannels;
import orderpay.adapters.rest.Downstream;

/** One channel per backend service; the gateway owns and closes them. */
public record Downstreams(
    GrpcChannels.Client user,
    GrpcChannels.Client product,
    GrpcChannels.Client inventory,
    GrpcChannels.Client order,
    GrpcChannels.Client payment,
    GrpcChannels.Client notification)
    implements AutoCloseable {

  static Downstreams open(GatewayConfig config) {
    return new Downstreams(
        GrpcChannels.open(config.userServiceTarget(), config.downstreamDeadline()),
        GrpcChannels.open(config.productServiceTarget(), config.downstreamDeadline()),
        GrpcChannels.open(config.inventoryServiceTarget(), config.downstreamDeadline()),
        GrpcChannels.open(config.orderServiceTarget(), config.downstreamDeadline()),
        GrpcChannels.open(config.paymentServiceTarget(), config.downstreamDeadline()),
        GrpcChannels.open(config.notificationServiceTarget(), config.downstreamDeadline()));
  }

  List<Downstream> forReadiness() {
    return List.of(
        new Downstream("user-service", user.channel()),
        new Downstream("product-service", product.channel()),
        new Downstream("inventory-service", inventory.channel()),
        new Downstream("order-service", order.channel()),
        new Downstream("payment-service", payment.channel()),
        new Downstream("notification-service", notification.channel()));
  }

  @Override
  public void close() {
    user.close();
    product.close();
    inventory.close();
    order.close();
    payment.close();
    notification.close();
  }
}
