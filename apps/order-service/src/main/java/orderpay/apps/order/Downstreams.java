package orderpay.apps.order;

import orderpay.adapters.grpc.GrpcChannels;

/**
 * The order service's channels to the services its saga calls, and to the user service for the keys
 * that verify customers' tokens.
 */
public record Downstreams(
    GrpcChannels.Client product,
    GrpcChannels.Client inventory,
    GrpcChannels.Client payment,
    GrpcChannels.Client user)
    implements AutoCloseable {
  @Override
  public void close() {
    user.close();
    product.close();
    inventory.close();
    payment.close();
  }
}
