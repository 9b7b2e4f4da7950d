package orderpay.adapters.runtime;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task at a fixed delay on its own thread; a failing run is logged and the next one comes.
 */
public final class PeriodicJob implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PeriodicJob.class);
  private final ScheduledExecutorService scheduler;
  private final java.util.concurrent.atomic.AtomicBoolean stopping;

  private PeriodicJob(
      ScheduledExecutorService scheduler, java.util.concurrent.atomic.AtomicBoolean stopping) {
    this.scheduler = scheduler;
    this.stopping = stopping;
  }

  /**
   * Runs {@code batch} repeatedly while it reports a full batch (a backlog), then waits for the
   * next round; a stop request ends the backlog loop between batches.
   */
  public static PeriodicJob draining(
      String name, Duration every, java.util.function.IntSupplier batch, int batchSize) {
    var stopping = new java.util.concurrent.atomic.AtomicBoolean();
    return start(
        name,
        every,
        () -> {
          while (!stopping.get() && batch.getAsInt() >= batchSize) {
            // a full batch means more is waiting
          }
        },
        stopping);
  }

  public static PeriodicJob start(String name, Duration every, Runnable task) {
    return start(name, every, task, new java.util.concurrent.atomic.AtomicBoolean());
  }

  private static PeriodicJob start(
      String name,
      Duration every,
      Runnable task,
      java.util.concurrent.atomic.AtomicBoolean stopping) {
    var scheduler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name(name).daemon().factory());
    scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            log.warn("{} failed; trying again in {}", name, every, e);
          }
        },
        every.toMillis(),
        every.toMillis(),
        TimeUnit.MILLISECONDS);
    return new PeriodicJob(scheduler, stopping);
  }

  @Override
  public void close() {
    stopping.set(true);
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
        scheduler.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      scheduler.shutdownNow();
    }
  }
}
