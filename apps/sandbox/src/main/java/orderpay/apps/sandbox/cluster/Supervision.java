package orderpay.apps.sandbox.cluster;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What launches and restarts the cluster's processes, shared by the {@link Supervisor} (child
 * processes), {@link SupervisedPostgres} and {@link Infrastructure}: the gate every launch passes,
 * the one thread restarts run on, and the cluster file, rewritten whenever a process comes or goes.
 */
record Supervision(LaunchGate gate, ScheduledExecutorService restarts, ClusterFile clusterFile) {
  boolean stopping() {
    return gate.isShut();
  }

  /** A process died: the cluster file shows it gone, and {@code restart} runs after the delay. */
  void restartAfter(Duration delay, Runnable restart) {
    clusterFile.writeQuietly();
    restarts.schedule(restart, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** A restart failed: it is tried again in two seconds. */
  void retry(Runnable restart) {
    restarts.schedule(restart, 2, TimeUnit.SECONDS);
  }
}
