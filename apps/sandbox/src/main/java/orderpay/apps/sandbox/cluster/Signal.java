package orderpay.apps.sandbox.cluster;

/** What an outside tool (or a chaos driver) does to a process of the cluster. */
public enum Signal {
  /** An abrupt crash: no shutdown hook runs. */
  KILL,
  /** A graceful stop request, as an orchestrator sends first. */
  TERM,
  /** Freezes the process (a stand-in for a long GC pause or a partition). */
  STOP,
  /** Thaws a frozen process. */
  CONT,
  /** For PostgreSQL's postmaster: immediate shutdown (no checkpoint, crash recovery on start). */
  QUIT,
  /** For PostgreSQL's postmaster: fast shutdown. */
  INT;

  void send(long pid) {
    try {
      var kill =
          new ProcessBuilder("kill", "-" + name(), Long.toString(pid))
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (kill.waitFor() != 0) {
        throw new IllegalStateException(
            "kill -" + name() + " " + pid + " failed: no such process?");
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
