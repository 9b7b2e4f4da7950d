package orderpay.apps.kit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.stream.Stream;
import orderpay.adapters.kafka.KafkaSettings;
import orderpay.adapters.kafka.MessagingMetrics;
import orderpay.adapters.postgres.Database;

/**
 * What every backend service reports, in one registry per service: JVM basics, its gRPC calls (by
 * the server host, with latency buckets for percentiles), its connection pool, its outbox backlog
 * (the first sign that Kafka is away or the relay is stuck), and its consumers' lag and dead
 * letters. Adapters add their own meters to {@link #registry()}; created once per service (by
 * Dagger, see {@link ServiceKitModule}).
 */
public record ServiceMetrics(PrometheusMeterRegistry registry, MessagingMetrics messaging) {
  /** Wide enough for a cached read (1 ms) and for a call that runs into its deadline (25 s). */
  static final Duration[] GRPC_LATENCY_BUCKETS =
      Stream.of(1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 25_000)
          .map(Duration::ofMillis)
          .toArray(Duration[]::new);

  static ServiceMetrics create(String serviceName, Database database, KafkaSettings kafka) {
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("service", serviceName);
    registry.config().meterFilter(latencyBuckets("grpc.server.calls", GRPC_LATENCY_BUCKETS));
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    database.reportPoolTo(registry);
    Gauge.builder("outbox.pending", database, db -> outbox(db, "SELECT count(*) FROM outbox"))
        .description("events written but not yet acknowledged by Kafka")
        .register(registry);
    Gauge.builder(
            "outbox.oldest.age",
            database,
            db ->
                outbox(
                    db,
                    "SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0) FROM outbox"))
        .description("seconds the oldest unpublished event has waited")
        .baseUnit("seconds")
        .register(registry);
    return new ServiceMetrics(registry, new MessagingMetrics(registry, kafka));
  }

  /**
   * Histogram buckets ({@code _bucket} series) for a timer someone else registers, so dashboards
   * can ask for its percentiles across replicas with {@code histogram_quantile}.
   */
  static MeterFilter latencyBuckets(String timerName, Duration[] buckets) {
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(
          Meter.Id id, DistributionStatisticConfig config) {
        if (!id.getName().equals(timerName)) {
          return config;
        }
        return DistributionStatisticConfig.builder()
            .serviceLevelObjectives(Stream.of(buckets).mapToDouble(Duration::toNanos).toArray())
            .build()
            .merge(config);
      }
    };
  }

  /** Read at scrape time; NaN while the database is away (a gap in the graph, not a zero). */
  private static double outbox(Database database, String sql) {
    try {
      return database.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Double.class).one());
    } catch (RuntimeException unavailable) {
      return Double.NaN;
    }
  }
}
