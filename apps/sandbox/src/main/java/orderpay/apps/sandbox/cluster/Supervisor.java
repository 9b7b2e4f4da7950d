package orderpay.apps.sandbox.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restarts whatever process dies, as an orchestrator would: after a pause that grows while it keeps
 * dying, on the same ports; then logs when it serves again, for whoever reads about outages.
 */
record Supervisor(Supervision supervision, Readiness readiness, Duration startTimeout) {
  // under the cluster's name, as before the split: whoever follows its log knows that one
  private static final Logger log = LoggerFactory.getLogger(Cluster.class);

  /** A process exited: restarted after its delay, unless it was stopped on purpose. */
  void exited(ChildProcess child, Process gone) {
    if (supervision.stopping() || !child.wanted() || !child.isCurrent(gone)) {
      supervision.clusterFile().writeQuietly();
      return;
    }
    Duration delay = child.restartDelay();
    log.warn(
        "{} (pid {}) exited with status {}; restarting it in {} s",
        child.name(),
        gone.pid(),
        gone.exitValue(),
        delay.toMillis() / 1000.0);
    supervision.restartAfter(delay, () -> restart(child, gone));
  }

  private void restart(ChildProcess child, Process gone) {
    if (supervision.stopping()) {
      return;
    }
    try {
      if (supervision.gate().relaunch(child, gone)) {
        long pid = child.pid().orElse(-1);
        log.info("{} restarted as pid {}", child.name(), pid);
        supervision.clusterFile().writeQuietly();
        Thread.ofVirtual().name("watch-" + child.name()).start(() -> reportServing(child, pid));
      }
    } catch (RuntimeException e) {
      log.error("{} could not be restarted; trying again", child.name(), e);
      supervision.retry(() -> restart(child, gone));
    }
  }

  /** Logs when a restarted process serves again: how long an outage lasted, for the reader. */
  private void reportServing(ChildProcess child, long pid) {
    long begun = System.nanoTime();
    try {
      readiness.awaitReady(List.of(child), startTimeout);
      if (child.pid().orElse(-1) == pid && !supervision.stopping()) {
        log.info(
            "{} (pid {}) serving again, {} s after its restart",
            child.name(),
            pid,
            String.format(Locale.ROOT, "%.1f", (System.nanoTime() - begun) / 1e9));
      }
    } catch (RuntimeException e) {
      if (!supervision.stopping() && child.pid().orElse(-1) == pid) {
        log.warn("{} (pid {}) is not serving: {}", child.name(), pid, e.getMessage());
      }
    }
  }
}
