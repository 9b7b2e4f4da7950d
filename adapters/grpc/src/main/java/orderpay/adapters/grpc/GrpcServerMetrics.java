package orderpay.adapters.grpc;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/** Every served call's duration by service, method and status ({@code grpc.server.calls}). */
final class GrpcServerMetrics implements ServerInterceptor {
  private final MeterRegistry registry;

  GrpcServerMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    long started = System.nanoTime();
    var descriptor = call.getMethodDescriptor();
    return next.startCall(
        new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
          @Override
          public void close(Status status, Metadata trailers) {
            Timer.builder("grpc.server.calls")
                .description("gRPC calls served")
                .tag("service", String.valueOf(descriptor.getServiceName()))
                .tag("method", String.valueOf(descriptor.getBareMethodName()))
                .tag("status", status.getCode().name())
                .register(registry)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            super.close(status, trailers);
          }
        },
        headers);
  }
}
