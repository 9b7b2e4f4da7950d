package orderpay.apps.sandbox.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import orderpay.devstack.EmbeddedPostgresServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL's own processes, which pg_ctl starts in a session of their own: started, stopped for a
 * fault and started again on request, and restarted a second after the postmaster dies while it is
 * wanted. The postmaster's pid comes from its pid file.
 */
final class SupervisedPostgres {
  // under the cluster's name, as before the split: whoever follows its log knows that one
  private static final Logger log = LoggerFactory.getLogger(Cluster.class);

  private final Path dataDir;
  private final int port;
  private final Supervision supervision;
  private EmbeddedPostgresServer server;
  private boolean wanted;
  private int restartCount;

  SupervisedPostgres(Path dataDir, int port, Supervision supervision) {
    this.dataDir = dataDir;
    this.port = port;
    this.supervision = supervision;
  }

  /** Starts it unless it runs; it is supervised from then on. */
  void start() {
    synchronized (this) {
      if (server != null) {
        return;
      }
      server = EmbeddedPostgresServer.start(Optional.of(dataDir), port);
      wanted = true;
      var current = server;
      postmaster()
          .ifPresent(
              postmaster ->
                  postmaster
                      .onExit()
                      .thenRun(() -> supervision.restarts().execute(() -> exited(current))));
    }
    supervision.clusterFile().write();
  }

  /** The server, for creating databases; null while it is down. */
  synchronized EmbeddedPostgresServer server() {
    return server;
  }

  /**
   * Stops it and keeps it down until {@link #start()}: {@code immediate} is PostgreSQL's immediate
   * mode (no checkpoint; crash recovery on the next start), else fast mode.
   */
  void stop(boolean immediate) {
    OptionalLong pid;
    synchronized (this) {
      wanted = false;
      pid = postmasterPid();
    }
    pid.ifPresent(
        p -> {
          (immediate ? Signal.QUIT : Signal.INT).send(p);
          ProcessHandle.of(p).ifPresent(h -> Stopping.awaitExit(h, Duration.ofSeconds(30)));
        });
    synchronized (this) {
      Stopping.closeQuietly(server);
      server = null;
    }
    supervision.clusterFile().write();
  }

  void signal(Signal signal) {
    signal.send(postmasterPid().orElseThrow(() -> new IllegalStateException("PostgreSQL is down")));
  }

  synchronized ClusterProcess describe() {
    return ClusterProcess.of(
        Cluster.POSTGRES,
        1,
        postmasterPid(),
        ClusterProcess.PortKind.OTHER,
        port,
        "postgresql://127.0.0.1:" + port,
        restartCount,
        null);
  }

  /** For good, when the cluster stops: waits until the postmaster itself has exited. */
  void close() {
    Optional<ProcessHandle> postmaster;
    synchronized (this) {
      postmaster = postmaster();
      wanted = false;
      Stopping.closeQuietly(server);
    }
    // pg_ctl returns once the pid file is gone; the postmaster itself exits a moment later
    postmaster.ifPresent(handle -> Stopping.awaitExit(handle, Duration.ofSeconds(15)));
  }

  private void exited(EmbeddedPostgresServer gone) {
    synchronized (this) {
      if (supervision.stopping() || !wanted || server != gone) {
        return;
      }
      log.warn("PostgreSQL exited; restarting it in 1 s");
      Stopping.closeQuietly(gone);
      server = null;
    }
    supervision.restartAfter(Duration.ofSeconds(1), this::restart);
  }

  private void restart() {
    synchronized (this) {
      if (supervision.stopping() || server != null) {
        return;
      }
    }
    try {
      start();
      synchronized (this) {
        restartCount++;
      }
      log.info("PostgreSQL restarted as pid {}", postmasterPid().orElse(-1));
      supervision.clusterFile().writeQuietly();
    } catch (RuntimeException e) {
      log.error("PostgreSQL could not be restarted; trying again in 2 s", e);
      supervision.retry(this::restart);
    }
  }

  private synchronized Optional<ProcessHandle> postmaster() {
    return postmasterPid().stream()
        .mapToObj(ProcessHandle::of)
        .flatMap(Optional::stream)
        .findFirst();
  }

  /** The postmaster's pid, from its pid file, while it runs. */
  private synchronized OptionalLong postmasterPid() {
    if (server == null) {
      return OptionalLong.empty();
    }
    try {
      long pid =
          Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).getFirst().strip());
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
          ? OptionalLong.of(pid)
          : OptionalLong.empty();
    } catch (IOException | RuntimeException notRunning) {
      return OptionalLong.empty();
    }
  }
}
