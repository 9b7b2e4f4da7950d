package orderpay.apps.order;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import orderpay.adapters.postgres.messaging.CommittedEventListener;
import orderpay.adapters.postgres.order.JdbiPendingOrders;
import orderpay.domain.order.OrderEvent;
import orderpay.domain.shared.DomainEvent;
import orderpay.domain.shared.OrderOutcome;

/**
 * The saga as numbers, from the order's committed events (a transition rolled back is not counted):
 * orders placed ({@code orders.placed}), how they ended ({@code orders.outcomes} by outcome), how
 * long placing took to settle ({@code orders.saga} by outcome: from the order being recorded to
 * PAID, FAILED or CANCELLED), and, read at scrape time, the orders still waiting for their payment
 * ({@code orders.pending}, {@code orders.pending.oldest.age}).
 */
final class OrderMetrics implements CommittedEventListener {
  /** From a warm card payment (~65 ms) to an unpaid order expiring (10 min by default). */
  private static final Duration[] SAGA_BUCKETS =
      Stream.of(50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000, 60_000, 300_000, 600_000)
          .map(Duration::ofMillis)
          .toArray(Duration[]::new);

  private final Counter placed;
  private final Map<OrderOutcome, Counter> outcomes = new EnumMap<>(OrderOutcome.class);
  private final Map<OrderOutcome, Timer> sagas = new EnumMap<>(OrderOutcome.class);

  OrderMetrics(MeterRegistry registry, JdbiPendingOrders pending) {
    placed =
        Counter.builder("orders.placed")
            .description("orders accepted and announced (order.created)")
            .register(registry);
    for (OrderOutcome outcome : OrderOutcome.values()) {
      String tag = outcome.name().toLowerCase(Locale.ROOT);
      outcomes.put(
          outcome,
          Counter.builder("orders.outcomes")
              .description("orders that reached an end (or were refunded after paying)")
              .tag("outcome", tag)
              .register(registry));
      if (outcome != OrderOutcome.REFUNDED) { // a refund reverses a finished saga
        sagas.put(
            outcome,
            Timer.builder("orders.saga")
                .description("from an order being recorded to its payment settling it")
                .tag("outcome", tag)
                .serviceLevelObjectives(SAGA_BUCKETS)
                .register(registry));
      }
    }
    Gauge.builder("orders.pending", readOrNaN(pending::count))
        .description("orders waiting for their payment")
        .register(registry);
    Gauge.builder("orders.pending.oldest.age", readOrNaN(pending::oldestAgeSeconds))
        .description("seconds the oldest order waiting for its payment has waited")
        .baseUnit("seconds")
        .register(registry);
  }

  @Override
  public void committed(DomainEvent event) {
    if (!(event instanceof OrderEvent orderEvent)) {
      return;
    }
    switch (orderEvent) {
      case OrderEvent.Placed _ -> placed.increment();
      case OrderEvent.Paid p -> ended(OrderOutcome.PAID, p);
      case OrderEvent.Failed f -> ended(OrderOutcome.FAILED, f);
      case OrderEvent.Cancelled c -> ended(OrderOutcome.CANCELLED, c);
      case OrderEvent.Refunded _ -> outcomes.get(OrderOutcome.REFUNDED).increment();
    }
  }

  private void ended(OrderOutcome outcome, OrderEvent event) {
    outcomes.get(outcome).increment();
    var took = Duration.between(event.order().createdAt(), event.occurredAt());
    if (!took.isNegative()) { // clocks of replicas may disagree by a little
      sagas.get(outcome).record(took);
    }
  }

  /** NaN while the database is away: a gap in the graph, not a false zero. */
  private static java.util.function.Supplier<Number> readOrNaN(DoubleSupplier read) {
    return () -> {
      try {
        return read.getAsDouble();
      } catch (RuntimeException unavailable) {
        return Double.NaN;
      }
    };
  }
}
