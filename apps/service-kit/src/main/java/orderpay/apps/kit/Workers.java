package orderpay.apps.kit;

import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import orderpay.runtime.PeriodicJob;
import orderpay.runtime.Wakeup;

/**
 * The background jobs services run beside their gRPC server, each started by RunningService; their
 * Kafka consumers come from {@link Consumers}.
 */
public final class Workers {
  private Workers() {}

  /** A batch job at a fixed delay that keeps going while batches come back full. */
  public static Supplier<AutoCloseable> drain(
      Duration interval, String name, IntSupplier batch, int batchSize) {
    return () -> PeriodicJob.draining(name, interval, batch, batchSize);
  }

  /** As {@link #drain}, also woken at once by {@code wakeup} (work made in this process). */
  public static Supplier<AutoCloseable> drain(
      Duration interval, String name, IntSupplier batch, int batchSize, Wakeup wakeup) {
    return () -> PeriodicJob.draining(name, interval, batch, batchSize, wakeup);
  }

  /** A job run at a fixed delay. */
  public static Supplier<AutoCloseable> every(Duration interval, String name, Runnable task) {
    return () -> PeriodicJob.start(name, interval, task);
  }
}
