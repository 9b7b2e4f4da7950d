package orderpay.apps.kit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import orderpay.adapters.postgres.Database;

/**
 * What every backend service reports: JVM basics, its gRPC calls (by the server host) and its
 * outbox backlog, the first sign that Kafka is away or the relay is stuck.
 */
final class ServiceMetrics {
  private ServiceMetrics() {}

  static PrometheusMeterRegistry create(String serviceName, Database database) {
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("service", serviceName);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
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
    return registry;
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
