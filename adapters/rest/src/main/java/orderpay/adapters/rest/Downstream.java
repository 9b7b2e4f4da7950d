package orderpay.adapters.rest;

import io.grpc.Channel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.util.concurrent.TimeUnit;

/** A service the gateway depends on; ready when its gRPC health service says SERVING. */
public record Downstream(String name, Channel channel) {
  public boolean isServing() {
    try {
      return HealthGrpc.newBlockingStub(channel)
              .withDeadlineAfter(1, TimeUnit.SECONDS)
              .check(HealthCheckRequest.getDefaultInstance())
              .getStatus()
          == HealthCheckResponse.ServingStatus.SERVING;
    } catch (RuntimeException unreachable) {
      return false;
    }
  }
}
