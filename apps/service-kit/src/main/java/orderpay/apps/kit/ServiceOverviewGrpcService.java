package orderpay.apps.kit;

import static orderpay.adapters.grpc.StreamReplies.reply;

import io.grpc.BindableService;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Comparator;
import java.util.Optional;
import orderpay.adapters.grpc.auth.UserCheck;
import orderpay.adapters.security.JwtVerifier;
import orderpay.contracts.overview.v1.ConsumerLag;
import orderpay.contracts.overview.v1.GetServiceOverviewRequest;
import orderpay.contracts.overview.v1.ServiceOverview;
import orderpay.contracts.overview.v1.ServiceOverviewServiceGrpc;

/**
 * A service's own outbox backlog and consumers' lag, for the operator console's overview: read from
 * the service's registry, so the console shows what {@code /metrics} shows (see {@link
 * ServiceMetrics}, {@code MessagingMetrics}). Hosted by every backend service ({@link
 * RunningService}); every call needs an admin's token.
 */
final class ServiceOverviewGrpcService
    extends ServiceOverviewServiceGrpc.ServiceOverviewServiceImplBase {
  private final String serviceName;
  private final MeterRegistry registry;

  ServiceOverviewGrpcService(String serviceName, MeterRegistry registry) {
    this.serviceName = serviceName;
    this.registry = registry;
  }

  /** This service with every call refused unless it carries a verified admin's token. */
  BindableService protectedBy(JwtVerifier userTokens) {
    return UserCheck.adminsOnly(
            userTokens, ServiceOverviewServiceGrpc.getGetServiceOverviewMethod())
        .protect(this);
  }

  @Override
  public void getServiceOverview(
      GetServiceOverviewRequest request, StreamObserver<ServiceOverview> response) {
    var overview = ServiceOverview.newBuilder().setService(serviceName);
    gauge("outbox.pending").ifPresent(pending -> overview.setOutboxPending(Math.round(pending)));
    gauge("outbox.oldest.age").ifPresent(overview::setOutboxOldestAgeSeconds);
    registry.find("kafka.consumer.lag").gauges().stream()
        .sorted(Comparator.comparing(g -> g.getId().getTag("group")))
        .forEach(
            lag -> {
              var consumer = ConsumerLag.newBuilder().setConsumer(lag.getId().getTag("group"));
              known(lag.value()).ifPresent(value -> consumer.setLag(Math.round(value)));
              overview.addConsumerLag(consumer);
            });
    reply(response, overview.build());
  }

  /** A gauge's value now; none while what it reads does not answer (it reads NaN then). */
  private Optional<Double> gauge(String name) {
    Gauge gauge = registry.find(name).gauge();
    return gauge == null ? Optional.empty() : known(gauge.value());
  }

  private static Optional<Double> known(double value) {
    return Double.isNaN(value) ? Optional.empty() : Optional.of(value);
  }
}
