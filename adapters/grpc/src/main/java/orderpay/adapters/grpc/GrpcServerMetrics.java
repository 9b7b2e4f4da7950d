package orderpay.adapters.grpc;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every served call's duration by service, method and status ({@code grpc.server.calls}). Each
 * timer is built once and kept: building it looks it up in the registry, a cost per call.
 */
final class GrpcServerMetrics implements ServerInterceptor {
  private final MeterRegistry registry;
  private final ConcurrentHashMap<TimerKey, Timer> timers = new ConcurrentHashMap<>();

  private record TimerKey(String fullMethodName, Status.Code status) {}

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
            timers
                .computeIfAbsent(
                    new TimerKey(descriptor.getFullMethodName(), status.getCode()),
                    key ->
                        Timer.builder("grpc.server.calls")
                            .description("gRPC calls served")
                            .tag("service", String.valueOf(descriptor.getServiceName()))
                            .tag("method", String.valueOf(descriptor.getBareMethodName()))
                            .tag("status", key.status().name())
                            .register(registry))
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            super.close(status, trailers);
          }
        },
        headers);
  }
}
