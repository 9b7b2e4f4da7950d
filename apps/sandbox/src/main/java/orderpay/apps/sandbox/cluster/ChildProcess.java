package orderpay.apps.sandbox.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One supervised process of the cluster (a service replica or the Kafka broker): how to launch it,
 * whether it should be running, and the process it currently is. Output goes to its own log file.
 */
final class ChildProcess {
  private static final Duration FIRST_RESTART_DELAY = Duration.ofSeconds(1);
  private static final Duration STABLE_AFTER = Duration.ofSeconds(20);

  /** Which service and replica it is, and where it answers: what {@code cluster.json} lists. */
  record Slot(
      String service, int replica, ClusterProcess.PortKind portKind, int port, String health) {}

  /** How it is launched, the same at every restart; its output is appended to {@code logFile}. */
  record Launch(List<String> command, Map<String, String> environment, Path workDir, Path logFile) {
    Launch {
      command = List.copyOf(command);
      environment = Map.copyOf(environment);
    }

    private ProcessBuilder builder() {
      var builder =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      builder.environment().putAll(environment);
      return builder;
    }
  }

  final Slot slot;
  private final Launch launch;
  private final BiConsumer<ChildProcess, Process> onExit;

  private Process process;
  private boolean wanted;
  private int restarts;
  private long startedAt;
  private int quickDeaths;

  ChildProcess(Slot slot, Launch launch, BiConsumer<ChildProcess, Process> onExit) {
    this.slot = slot;
    this.launch = launch;
    this.onExit = onExit;
  }

  String name() {
    return slot.service() + "#" + slot.replica();
  }

  /** Starts it and keeps it wanted: the cluster restarts it whenever it dies. */
  synchronized void start() {
    wanted = true;
    if (process == null || !process.isAlive()) {
      launch();
    }
  }

  /** Launches it again after it died, unless it was stopped meanwhile or already replaced. */
  synchronized boolean restart(Process gone) {
    if (!wanted || process != gone) {
      return false;
    }
    restarts++;
    launch();
    return true;
  }

  private void launch() {
    try {
      Process started = launch.builder().start();
      process = started;
      startedAt = System.nanoTime();
      started.onExit().thenAcceptAsync(exited -> onExit.accept(this, exited));
    } catch (IOException e) {
      throw new UncheckedIOException(name() + " could not be started", e);
    }
  }

  /**
   * The pause before relaunching after it died: a second, doubling (up to 16 s) while it keeps
   * dying soon after each start (a crash loop), back to a second once a run lasted.
   */
  synchronized Duration restartDelay() {
    boolean lasted = System.nanoTime() - startedAt > STABLE_AFTER.toNanos();
    quickDeaths = lasted ? 0 : quickDeaths + 1;
    return FIRST_RESTART_DELAY.multipliedBy(1L << Math.min(Math.max(quickDeaths - 1, 0), 4));
  }

  synchronized boolean wanted() {
    return wanted;
  }

  synchronized boolean isCurrent(Process candidate) {
    return process == candidate;
  }

  synchronized OptionalLong pid() {
    return process != null && process.isAlive()
        ? OptionalLong.of(process.pid())
        : OptionalLong.empty();
  }

  synchronized int restarts() {
    return restarts;
  }

  Path logFile() {
    return launch.logFile();
  }

  void signal(Signal signal) {
    var pid = pid();
    if (pid.isEmpty()) {
      throw new IllegalStateException(name() + " is not running");
    }
    signal.send(pid.getAsLong());
  }

  /** Asks it to stop (SIGTERM, thawed if frozen); it is not restarted until started again. */
  synchronized Process requestStop() {
    wanted = false;
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        Signal.CONT.send(process.pid());
      } catch (RuntimeException alreadyGone) {
        // it exited between the two signals
      }
    }
    return process;
  }

  /** Stops it for good: SIGTERM, then SIGKILL if it has not exited within {@code grace}. */
  void stop(Duration grace) {
    awaitStopped(requestStop(), grace);
  }

  /** Kills it (SIGKILL) and leaves it down until started again. */
  void stopAbruptly() {
    Process current;
    synchronized (this) {
      wanted = false;
      current = process;
    }
    if (current != null) {
      current.destroyForcibly();
      awaitStopped(current, Duration.ofSeconds(10));
    }
  }

  static void awaitStopped(Process process, Duration grace) {
    if (process == null) {
      return;
    }
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  ClusterProcess describe() {
    return ClusterProcess.of(
        slot.service(),
        slot.replica(),
        pid(),
        slot.portKind(),
        slot.port(),
        slot.health(),
        restarts(),
        null);
  }
}
