package orderpay.adapters.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.NameResolverRegistry;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import orderpay.adapters.grpc.auth.ServiceCredentials;

/**
 * Client channels to other services: plaintext on the service network, a service token and a
 * deadline on every call. A target may list several replicas, {@code host:port,host:port}; calls
 * then go round robin to the replicas that are up.
 */
public final class GrpcChannels {
  static {
    NameResolverRegistry.getDefaultRegistry().register(new AddressListResolver.Provider());
  }

  private GrpcChannels() {}

  public record Client(ManagedChannel managed, Channel channel) implements AutoCloseable {
    @Override
    public void close() {
      managed.shutdown();
      try {
        if (!managed.awaitTermination(5, TimeUnit.SECONDS)) {
          managed.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        managed.shutdownNow();
      }
    }
  }

  /** Every call signed by {@code credentials}: the services refuse calls without them. */
  public static Client open(
      String target, Duration defaultDeadline, ServiceCredentials credentials) {
    boolean replicas = target.contains(",");
    var builder =
        replicas
            ? NettyChannelBuilder.forTarget(AddressListResolver.SCHEME + ":///" + target)
                .defaultLoadBalancingPolicy("round_robin")
            : NettyChannelBuilder.forTarget(target);
    ManagedChannel managed =
        builder
            .usePlaintext()
            .keepAliveTime(30, TimeUnit.SECONDS)
            .maxInboundMessageSize(4 * 1024 * 1024)
            .build();
    return new Client(
        managed,
        ClientInterceptors.intercept(
            managed, new DefaultDeadline(defaultDeadline), new Tracing.Client(), credentials));
  }

  /** A call without its own deadline gets the default: no call may wait forever. */
  private record DefaultDeadline(Duration deadline) implements ClientInterceptor {
    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(
        MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
      CallOptions withDeadline =
          options.getDeadline() == null
              ? options.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
              : options;
      return next.newCall(method, withDeadline);
    }
  }
}
