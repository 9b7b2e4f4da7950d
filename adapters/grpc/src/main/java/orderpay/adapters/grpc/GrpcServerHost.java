package orderpay.adapters.grpc;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import orderpay.adapters.grpc.auth.CallerCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every service's gRPC server: its services behind the caller check and the error interceptor, the
 * standard health service, server reflection if asked for (grpcurl works), one virtual thread per
 * call, and a graceful stop that lets running calls finish. Health starts SERVING; {@link
 * #setServing} lets the service withdraw readiness while something it needs cannot work.
 */
public final class GrpcServerHost implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GrpcServerHost.class);
  private final Server server;
  private final HealthStatusManager health;
  private final ExecutorService executor;
  private final String name;
  private final List<String> healthNames;

  private GrpcServerHost(
      Server server,
      HealthStatusManager health,
      ExecutorService executor,
      String name,
      List<String> healthNames) {
    this.server = server;
    this.health = health;
    this.executor = executor;
    this.name = name;
    this.healthNames = healthNames;
  }

  /** Older grpcurl, Postman and Evans speak only v1alpha of the reflection protocol. */
  @SuppressWarnings("deprecation")
  private static BindableService reflectionV1Alpha() {
    return io.grpc.protobuf.services.ProtoReflectionService.newInstance();
  }

  /** Who may call, and whether the server describes itself to tools (reflection). */
  public record Access(CallerCheck callers, boolean reflection) {}

  /** Reflection on, no metrics: what tests need. */
  public static GrpcServerHost start(
      String name, String host, int port, List<BindableService> services, CallerCheck callers) {
    return start(name, host, port, services, new Access(callers, true), null);
  }

  /** With every served call timed into {@code metrics} ({@code grpc.server.calls}) if not null. */
  public static GrpcServerHost start(
      String name,
      String host,
      int port,
      List<BindableService> services,
      Access access,
      io.micrometer.core.instrument.MeterRegistry metrics) {
    var health = new HealthStatusManager();
    var executor =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name + "-grpc-", 0).factory());
    var builder =
        NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
            .executor(executor)
            .maxInboundMessageSize(4 * 1024 * 1024)
            .permitKeepAliveTime(10, TimeUnit.SECONDS)
            // health stays open: probes and load balancers ask it without credentials
            .addService(health.getHealthService());
    if (access.reflection()) {
      builder.addService(ProtoReflectionServiceV1.newInstance()).addService(reflectionV1Alpha());
    }
    var errors = new DomainErrorInterceptor();
    var tracing = new Tracing.Server();
    for (BindableService service : services) {
      // the last interceptor runs first: the caller is checked before anything else runs, the
      // trace id is in place before errors are logged, and the timing sees the final status
      var interceptors = new java.util.ArrayList<ServerInterceptor>(List.of(errors, tracing));
      if (metrics != null) {
        interceptors.add(new GrpcServerMetrics(metrics));
      }
      interceptors.add(access.callers());
      builder.addService(ServerInterceptors.intercept(service, interceptors));
    }
    try {
      Server server = builder.build().start();
      var healthNames = new java.util.ArrayList<String>();
      healthNames.add(""); // the whole server, what load balancers and the gateway ask about
      for (BindableService service : services) {
        healthNames.add(service.bindService().getServiceDescriptor().getName());
      }
      var started = new GrpcServerHost(server, health, executor, name, List.copyOf(healthNames));
      started.setServing(true);
      log.info("{} gRPC listening on {}:{}", name, host, server.getPort());
      return started;
    } catch (IOException e) {
      executor.close();
      throw new UncheckedIOException(name + " could not listen on port " + port, e);
    }
  }

  /** SERVING or NOT_SERVING for the server and each of its services; ignored once stopping. */
  public void setServing(boolean serving) {
    var status = serving ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
    healthNames.forEach(service -> health.setStatus(service, status));
  }

  public int port() {
    return server.getPort();
  }

  public String target() {
    return "127.0.0.1:" + port();
  }

  @Override
  public void close() {
    health.enterTerminalState();
    server.shutdown();
    try {
      if (!server.awaitTermination(10, TimeUnit.SECONDS)) {
        log.warn("{} gRPC calls still running after 10 s; cancelling them", name);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    }
    executor.close();
  }
}
