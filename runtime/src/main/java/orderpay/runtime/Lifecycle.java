package orderpay.runtime;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Owns what a service started and stops it in reverse order, each step at most once. */
public final class Lifecycle implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Lifecycle.class);
  private final Deque<AutoCloseable> started = new ArrayDeque<>();

  public synchronized <T extends AutoCloseable> T own(T resource) {
    started.push(resource);
    return resource;
  }

  @Override
  public synchronized void close() {
    while (!started.isEmpty()) {
      AutoCloseable next = started.pop();
      long begun = System.nanoTime();
      try {
        next.close();
      } catch (Exception e) {
        log.warn("stopping {} failed", next, e);
      }
      long millis = (System.nanoTime() - begun) / 1_000_000;
      if (millis > 500) {
        log.info("stopping {} took {} ms", next.getClass().getSimpleName(), millis);
      }
    }
  }

  /** Blocks the main thread until SIGTERM/Ctrl-C, then closes {@code running} once. */
  public static void runUntilShutdown(AutoCloseable running, String name)
      throws InterruptedException {
    var stopped = new java.util.concurrent.CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    running.close();
                  } catch (Exception e) {
                    log.warn("{} did not stop cleanly", name, e);
                  } finally {
                    stopped.countDown();
                  }
                },
                name + "-shutdown"));
    stopped.await();
  }
}
