package orderpay.apps.gateway;

import java.util.List;
import orderpay.adapters.grpc.GrpcChannels;
import orderpay.adapters.grpc.auth.Callers;
import orderpay.adapters.grpc.auth.ServiceCredentials;
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
    var credentials = new ServiceCredentials(config.serviceKey(), Callers.GATEWAY);
    var deadline = config.downstreamDeadline();
    return new Downstreams(
        GrpcChannels.open(config.userServiceTarget(), deadline, credentials),
        GrpcChannels.open(config.productServiceTarget(), deadline, credentials),
        GrpcChannels.open(config.inventoryServiceTarget(), deadline, credentials),
        GrpcChannels.open(config.orderServiceTarget(), deadline, credentials),
        GrpcChannels.open(config.paymentServiceTarget(), deadline, credentials),
        GrpcChannels.open(config.notificationServiceTarget(), deadline, credentials));
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
