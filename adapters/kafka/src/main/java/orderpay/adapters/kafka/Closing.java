package orderpay.adapters.kafka;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** The consumer's stop signal: given once, by close(), it also cuts every backoff short. */
final class Closing {
  private final AtomicBoolean requested = new AtomicBoolean(false);
  private final CountDownLatch latch = new CountDownLatch(1);

  void request() {
    requested.set(true);
    latch.countDown();
  }

  boolean requested() {
    return requested.get();
  }

  /** Waits out a backoff, or less if close() comes first. */
  void pause(Duration backoff) throws InterruptedException {
    latch.await(backoff.toMillis(), TimeUnit.MILLISECONDS);
  }
}
