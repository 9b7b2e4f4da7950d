package orderpay.runtime;

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
  private final Runnable round;
  private final java.util.concurrent.atomic.AtomicBoolean woken =
      new java.util.concurrent.atomic.AtomicBoolean();
  private Wakeup wakeup;
  private Runnable sleeper;

  private PeriodicJob(
      ScheduledExecutorService scheduler,
      java.util.concurrent.atomic.AtomicBoolean stopping,
      Runnable round) {
    this.scheduler = scheduler;
    this.stopping = stopping;
    this.round = round;
  }

  /**
   * As {@link #draining(String, Duration, java.util.function.IntSupplier, int)}, and a round also
   * starts at once when {@code wakeup} runs. Wake-ups that come while a round is waiting to start
   * make one round, not many; one that comes during a round makes one more after it, so work made
   * while a round was claiming is not left for the next poll.
   */
  public static PeriodicJob draining(
      String name,
      Duration every,
      java.util.function.IntSupplier batch,
      int batchSize,
      Wakeup wakeup) {
    var job = draining(name, every, batch, batchSize);
    job.wakeup = wakeup;
    job.sleeper = job::wake;
    wakeup.attach(job.sleeper);
    return job;
  }

  /** Starts a round now unless one is already waiting to start. */
  void wake() {
    if (stopping.get() || !woken.compareAndSet(false, true)) {
      return;
    }
    try {
      scheduler.execute(
          () -> {
            woken.set(false);
            round.run();
          });
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      woken.set(false); // stopping: nothing more runs
    }
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
    Runnable round =
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            log.warn("{} failed; trying again in {}", name, every, e);
          }
        };
    scheduler.scheduleWithFixedDelay(
        round, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    return new PeriodicJob(scheduler, stopping, round);
  }

  /** Runs {@code marker} on the job's thread after every round queued so far (tests). */
  void afterQueuedRounds(Runnable marker) {
    scheduler.execute(marker);
  }

  @Override
  public void close() {
    if (wakeup != null) {
      wakeup.detach(sleeper);
    }
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
