package orderpay.adapters.runtime;

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
      try {
        next.close();
      } catch (Exception e) {
        log.warn("stopping {} failed", next, e);
      }
    }
  }
}
