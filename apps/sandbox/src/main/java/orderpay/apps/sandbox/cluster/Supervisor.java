package orderpay.apps.sandbox.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restarts whatever process dies, as an orchestrator would: after a pause that grows while it keeps
 * dying, on the same ports; then logs when it serves again, for whoever reads about outages.
 */
final class Supervisor {
  // under the cluster's name, as before the split: whoever follows its log knows that one
  private static final Logger log = LoggerFactory.getLogger(Cluster.class);

  private final LaunchGate gate;
  private final Readiness readiness;
  private final ScheduledExecutorService restarts;
  private final ClusterFile clusterFile;
  private final Duration startTimeout;

  Supervisor(
      LaunchGate gate,
      Readiness readiness,
      ScheduledExecutorService restarts,
      ClusterFile clusterFile,
      Duration startTimeout) {
    this.gate = gate;
    this.readiness = readiness;
    this.restarts = restarts;
    this.clusterFile = clusterFile;
    this.startTimeout = startTimeout;
  }

  /** A process exited: restarted after its delay, unless it was stopped on purpose. */
  void exited(ChildProcess child, Process gone) {
    if (gate.isShut() || !child.wanted() || !child.isCurrent(gone)) {
      clusterFile.writeQuietly();
      return;
    }
    Duration delay = child.restartDelay();
    log.warn(
        "{} (pid {}) exited with status {}; restarting it in {} s",
        child.name(),
        gone.pid(),
        gone.exitValue(),
        delay.toMillis() / 1000.0);
    clusterFile.writeQuietly();
    restarts.schedule(() -> restart(child, gone), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void restart(ChildProcess child, Process gone) {
    if (gate.isShut()) {
      return;
    }
    try {
      if (gate.relaunch(child, gone)) {
        long pid = child.pid().orElse(-1);
        log.info("{} restarted as pid {}", child.name(), pid);
        clusterFile.writeQuietly();
        Thread.ofVirtual().name("watch-" + child.name()).start(() -> reportServing(child, pid));
      }
    } catch (RuntimeException e) {
      log.error("{} could not be restarted; trying again", child.name(), e);
      restarts.schedule(() -> restart(child, gone), 2, TimeUnit.SECONDS);
    }
  }

  /** Logs when a restarted process serves again: how long an outage lasted, for the reader. */
  private void reportServing(ChildProcess child, long pid) {
    long begun = System.nanoTime();
    try {
      readiness.awaitReady(List.of(child), startTimeout);
      if (child.pid().orElse(-1) == pid && !gate.isShut()) {
        log.info(
            "{} (pid {}) serving again, {} s after its restart",
            child.name(),
            pid,
            String.format(Locale.ROOT, "%.1f", (System.nanoTime() - begun) / 1e9));
      }
    } catch (RuntimeException e) {
      if (!gate.isShut() && child.pid().orElse(-1) == pid) {
        log.warn("{} (pid {}) is not serving: {}", child.name(), pid, e.getMessage());
      }
    }
  }
}
