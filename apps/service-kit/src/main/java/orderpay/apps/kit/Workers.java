package orderpay.apps.kit;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import orderpay.adapters.kafka.EventHandler;
import orderpay.adapters.kafka.IdempotentConsumer;
import orderpay.adapters.kafka.RetryPolicy;
import orderpay.adapters.postgres.Database;
import orderpay.adapters.runtime.PeriodicJob;

/** The background workers services run beside their gRPC server, each started by RunningService. */
public final class Workers {
  private Workers() {}

  /**
   * An idempotent consumer of {@code topics} whose effects share the service's database
   * transactions.
   */
  public static Supplier<AutoCloseable> consumer(
      ServiceSettings settings,
      Database database,
      ServiceMetrics metrics,
      String name,
      List<String> topics,
      EventHandler handler) {
    return () ->
        new IdempotentConsumer(
                settings.kafka(),
                name,
                topics,
                handler,
                database.transactions(),
                RetryPolicy.DEFAULT,
                metrics.messaging())
            .start();
  }

  /** A batch job at a fixed delay that keeps going while batches come back full. */
  public static Supplier<AutoCloseable> drain(
      Duration interval, String name, java.util.function.IntSupplier batch, int batchSize) {
    return () -> PeriodicJob.draining(name, interval, batch, batchSize);
  }

  /** As {@link #drain}, also woken at once by {@code wakeup} (work made in this process). */
  public static Supplier<AutoCloseable> drain(
      Duration interval,
      String name,
      java.util.function.IntSupplier batch,
      int batchSize,
      orderpay.adapters.runtime.Wakeup wakeup) {
    return () -> PeriodicJob.draining(name, interval, batch, batchSize, wakeup);
  }

  /** A job run at a fixed delay. */
  public static Supplier<AutoCloseable> every(Duration interval, String name, Runnable task) {
    return () -> PeriodicJob.start(name, interval, task);
  }
}
