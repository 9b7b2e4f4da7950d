package orderpay.apps.sandbox.cluster;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How the cluster waits for what it stops: a bounded wait, a warning, never an exception. */
final class Stopping {
  // under the cluster's name, as before the split: whoever follows its log knows that one
  private static final Logger log = LoggerFactory.getLogger(Cluster.class);

  private Stopping() {}

  static void closeQuietly(AutoCloseable resource) {
    if (resource == null) {
      return;
    }
    try {
      resource.close();
    } catch (Exception e) {
      log.debug("closing {} failed", resource, e);
    }
  }

  static void awaitExit(ProcessHandle handle, Duration timeout) {
    try {
      handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.warn("pid {} still running after {}", handle.pid(), timeout);
    }
  }
}
