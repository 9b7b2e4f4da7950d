package orderpay.apps.sandbox.cluster;

/**
 * Every launch and relaunch of a process passes through this gate, and closing the cluster shuts it
 * under the same lock: whatever started before, close() sees and stops; nothing starts after.
 * Whoever waits for a process or would restart one asks it whether the cluster is stopping.
 */
final class LaunchGate {
  private volatile boolean shut;

  /** Starts a process (and keeps it wanted) unless the cluster is stopping. */
  synchronized void launch(ChildProcess child) {
    if (shut) {
      throw new IllegalStateException("the cluster is stopping");
    }
    child.start();
  }

  /** Launches a process again after it died, unless stopping, stopped or already replaced. */
  synchronized boolean relaunch(ChildProcess child, Process gone) {
    return !shut && child.restart(gone);
  }

  /** Shuts the gate; false when it was shut already (close() runs once). */
  synchronized boolean shut() {
    if (shut) {
      return false;
    }
    shut = true;
    return true;
  }

  boolean isShut() {
    return shut;
  }
}
