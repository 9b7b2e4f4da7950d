package orderpay.adapters.rest;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Request timings by route template and status, plus JVM basics, in Prometheus text format; and the
 * latency of order placement (any answer to {@code POST /api/v1/orders}) with its percentiles, for
 * the operator console's overview.
 */
public final class GatewayMetrics {
  private static final String STARTED = "orderpay.request.started";
  private static final String ORDER_PLACEMENT_ROUTE = "/api/v1/orders";

  /** How far back the placement percentiles look: recent enough to show today's trouble. */
  static final Duration PERCENTILE_WINDOW = Duration.ofMinutes(5);

  /** Order placement as the customer waited for it: median and p99 of the last minutes. */
  public record OrderLatency(double p50Millis, double p99Millis, long count) {}

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Timer orderPlacement =
      Timer.builder("orderpay.order.placement")
          .description("POST /api/v1/orders at the gateway, whatever the answer")
          .publishPercentiles(0.5, 0.99)
          .distributionStatisticExpiry(PERCENTILE_WINDOW)
          .distributionStatisticBufferLength(5)
          .register(registry);

  public GatewayMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
  }

  void started(Context ctx) {
    ctx.attribute(STARTED, System.nanoTime());
  }

  void finished(Context ctx) {
    Long started = ctx.attribute(STARTED);
    if (started == null) {
      return;
    }
    var endpoint = ctx.endpoints().matchedHttpEndpoint();
    // the route template, never the raw path: ids must not explode the label space
    String route = endpoint == null ? "unmatched" : endpoint.path;
    long took = System.nanoTime() - started;
    if (route.equals(ORDER_PLACEMENT_ROUTE) && ctx.method().name().equals("POST")) {
      orderPlacement.record(took, TimeUnit.NANOSECONDS);
    }
    Timer.builder("http.server.requests")
        .tag("method", ctx.method().name())
        .tag("route", route)
        .tag("status", Integer.toString(ctx.statusCode()))
        .publishPercentileHistogram(false)
        .register(registry)
        .record(took, TimeUnit.NANOSECONDS);
  }

  /**
   * Percentiles of the placements of the last {@link #PERCENTILE_WINDOW} (zero if none), count of
   * all since the gateway started.
   */
  public OrderLatency orderLatency() {
    var snapshot = orderPlacement.takeSnapshot();
    double p50 = 0;
    double p99 = 0;
    for (ValueAtPercentile percentile : snapshot.percentileValues()) {
      double millis = percentile.value(TimeUnit.MILLISECONDS);
      if (percentile.percentile() == 0.5) {
        p50 = millis;
      } else if (percentile.percentile() == 0.99) {
        p99 = millis;
      }
    }
    return new OrderLatency(p50, p99, snapshot.count());
  }

  String scrape() {
    return registry.scrape();
  }
}
