package orderpay.apps.kit;

import io.grpc.BindableService;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import orderpay.adapters.grpc.GrpcServerHost;
import orderpay.adapters.grpc.auth.CallerCheck;
import orderpay.adapters.grpc.auth.Callers;
import orderpay.adapters.kafka.KafkaOutboxRelay;
import orderpay.adapters.postgres.Database;
import orderpay.adapters.postgres.messaging.InboxRetention;
import orderpay.adapters.security.JwtVerifier;
import orderpay.contracts.overview.v1.ServiceOverviewServiceGrpc;
import orderpay.runtime.HealthIndicator;
import orderpay.runtime.Lifecycle;
import orderpay.runtime.PeriodicJob;

/**
 * A backend service while it runs: database (migrated; then the app's one-off {@link
 * ServiceParts#beforeStart()}), outbox relay, background workers (consumers, jobs, the inbox's
 * retention), then the gRPC server last, so it serves only when everything behind it is up. Stops
 * in reverse: stop serving, stop workers, drain the outbox, close the pool.
 *
 * <p>Every service also hosts {@link ServiceOverviewGrpcService} for the operator console, callable
 * by the gateway with an admin's token ({@link ServiceParts#userTokens()} verifies it).
 *
 * <p>A worker that is also a {@link HealthIndicator} (every Kafka consumer is) takes part in
 * readiness: the gRPC health service reports NOT_SERVING while any such worker is unhealthy.
 *
 * @param target where its gRPC server answers
 * @param adminPort where {@code GET /metrics} answers
 * @param lifecycle owns all it started, closed in reverse by {@link #close()}
 */
public record RunningService(String target, int adminPort, Lifecycle lifecycle)
    implements AutoCloseable {
  private static final Duration READINESS_CHECK_INTERVAL = Duration.ofMillis(250);
  private static final Duration INBOX_RETENTION_INTERVAL = Duration.ofMinutes(10);

  public static RunningService start(
      ServiceSettings settings,
      Database database,
      KafkaOutboxRelay relay,
      ServiceMetrics metrics,
      ServiceParts parts) {
    var lifecycle = new Lifecycle();
    try {
      lifecycle.own(database);
      parts.beforeStart().run();
      lifecycle.own(relay.start());
      var inbox = new InboxRetention(database.jdbi(), settings.inboxRetention(), Clock.systemUTC());
      lifecycle.own(
          PeriodicJob.draining(
              settings.serviceName() + "-inbox-retention",
              INBOX_RETENTION_INTERVAL,
              inbox::forgetOneBatch,
              InboxRetention.BATCH));
      var indicators = new ArrayList<HealthIndicator>();
      for (var worker : parts.workers()) {
        if (lifecycle.own(worker.get()) instanceof HealthIndicator indicator) {
          indicators.add(indicator);
        }
      }
      var server =
          lifecycle.own(
              GrpcServerHost.start(
                  settings.serviceName(),
                  settings.grpcHost(),
                  settings.grpcPort(),
                  withOverview(settings, metrics, parts.grpcServices(), parts.userTokens()),
                  new GrpcServerHost.Access(
                      new CallerCheck(
                          settings.serviceKey(),
                          parts
                              .callers()
                              .alsoAllowing(
                                  Callers.GATEWAY,
                                  ServiceOverviewServiceGrpc.getServiceDescriptor())),
                      settings.reflection()),
                  metrics.registry()));
      var admin =
          lifecycle.own(
              AdminServer.start(settings.grpcHost(), settings.adminPort(), metrics.registry()));
      lifecycle.own(
          Readiness.watch(
              settings.serviceName(),
              HealthIndicator.allOf(indicators),
              server::setServing,
              READINESS_CHECK_INTERVAL));
      return new RunningService(server.target(), admin.port(), lifecycle);
    } catch (RuntimeException e) {
      lifecycle.close();
      throw e;
    }
  }

  /** The services plus the operator console's overview, which every backend service hosts. */
  private static List<BindableService> withOverview(
      ServiceSettings settings,
      ServiceMetrics metrics,
      List<BindableService> services,
      JwtVerifier userTokens) {
    var all = new ArrayList<>(services);
    all.add(
        new ServiceOverviewGrpcService(settings.serviceName(), metrics.registry())
            .protectedBy(userTokens));
    return List.copyOf(all);
  }

  @Override
  public void close() {
    lifecycle.close();
  }
}
