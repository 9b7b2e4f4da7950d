package orderpay.apps.notification;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import orderpay.apps.kit.Workers;
import orderpay.runtime.Wakeup;

/**
 * The email dispatchers of one service. The first polls on the interval; the others join only while
 * there is a backlog (some dispatcher just claimed a full batch), so an idle service costs one
 * claim per interval, not one per dispatcher, and a busy one sends over all its SMTP connections.
 *
 * <p>A claim is small ({@link #BATCH}) on purpose: what one dispatcher claims, it sends alone over
 * one connection. With claims of 50, a poller on a slow SMTP server kept taking 30-49 messages,
 * never a full batch, so nobody helped and the queue ran 14 s behind at 10 emails a second.
 */
final class Dispatchers {
  static final int BATCH = 10;

  private final int count;
  private final IntSupplier dispatchBatch;
  private final Semaphore backlog = new Semaphore(0);

  /** {@code dispatchBatch} claims and sends up to {@link #BATCH} messages, returns how many. */
  Dispatchers(int count, IntSupplier dispatchBatch) {
    if (count < 1) {
      throw new IllegalArgumentException("at least one dispatcher, got " + count);
    }
    this.count = count;
    this.dispatchBatch = dispatchBatch;
  }

  /** The polling dispatcher's round. */
  int poll() {
    int claimed = dispatchBatch.getAsInt();
    if (claimed >= BATCH) {
      callForHelp();
    }
    return claimed;
  }

  /** Another dispatcher's round: nothing, not even a query, unless there is a backlog. */
  int help() {
    return backlog.tryAcquire() ? poll() : 0;
  }

  private void callForHelp() {
    int missing = count - 1 - backlog.availablePermits();
    if (missing > 0) {
      backlog.release(missing);
    }
  }

  /**
   * The first dispatcher is also woken when this process records a message (after its commit): the
   * email leaves now, not at the next poll. Messages recorded by other replicas wait for a poll.
   */
  List<Supplier<AutoCloseable>> workers(Duration interval, Wakeup recorded) {
    var workers = new ArrayList<Supplier<AutoCloseable>>();
    workers.add(Workers.drain(interval, "notification-dispatch-1", this::poll, BATCH, recorded));
    for (int i = 2; i <= count; i++) {
      workers.add(Workers.drain(interval, "notification-dispatch-" + i, this::help, BATCH));
    }
    return workers;
  }
}
