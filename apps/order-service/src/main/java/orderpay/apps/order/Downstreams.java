package orderpay.apps.order;

import orderpay.adapters.grpc.GrpcChannels;

/** The order service's channels to the services its saga calls. */
public record Downstreams(
    GrpcChannels.Client product, GrpcChannels.Client inventory, GrpcChannels.Client payment)
    implements AutoCloseable {
  @Override
  public void close() {
    product.close();
    inventory.close();
    payment.close();
  }
}
