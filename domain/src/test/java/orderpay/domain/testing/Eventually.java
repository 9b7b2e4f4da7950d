package orderpay.domain.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits on a condition instead of sleeping for a guessed time. */
public final class Eventually {
  /** The first pause between two looks; it doubles up to {@link #SLOWEST_POLL}. */
  private static final long FIRST_POLL_MILLIS = 2;

  /** A condition that reads a database or a broker is not asked more often than this. */
  private static final long SLOWEST_POLL_MILLIS = 25;

  private Eventually() {}

  public static void await(BooleanSupplier condition) {
    await(Duration.ofSeconds(10), condition);
  }

  public static void await(Duration timeout, BooleanSupplier condition) {
    await("the condition", timeout, condition);
  }

  /** Fails naming {@code what} was awaited if it is not reached within {@code timeout}. */
  public static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pause = FIRST_POLL_MILLIS;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
      pause = Math.min(pause * 2, SLOWEST_POLL_MILLIS);
    }
  }
}
