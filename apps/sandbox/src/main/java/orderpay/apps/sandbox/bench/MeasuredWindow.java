package orderpay.apps.sandbox.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What happens at the edges of the measured window, off the load's threads: CPU, JIT and
 * transaction counters read at its start and end, memory sampled each second, a profile if asked
 * for. What this thread itself spends on the CPU between the two CPU snapshots (finding the
 * processes, reading their memory: kernel time mostly) is measured too and left out of the figures,
 * so that they are what the system costs, not what measuring it costs.
 */
final class MeasuredWindow extends Thread {
  private static final List<String> SERVICES =
      List.of("user", "product", "inventory", "order", "payment", "notification");

  /** This JVM: the sandbox with the load, or the cluster's launcher with the load. */
  private static final long SELF = ProcessHandle.current().pid();

  private final ProcessMeter meter;
  private final long from;
  private final long to;
  private final BenchTarget target;
  private final String profileFile;
  private final PrintStream out;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private ProcessMeter.CpuSnapshot cpuAtStart;
  private ProcessMeter.CpuSnapshot cpuAtEnd;
  private long ownCpuNanosAtStart;
  private long ownCpuNanosAtEnd;
  private long compilationMillisAtStart;
  private long compilationMillisAtEnd;
  private long compilerCpuMillisAtStart;
  private long compilerCpuMillisAtEnd;
  private Map<String, Long> transactionsAtStart = Map.of();
  private Map<String, Long> transactionsAtEnd = Map.of();
  private double peakMemoryMib;
  private Map<String, Double> profile = Map.of();

  /**
   * From {@code from} to {@code to} (System.nanoTime); a profile to {@code profileFile}, if any.
   */
  MeasuredWindow(
      ProcessMeter meter,
      long from,
      long to,
      BenchTarget target,
      String profileFile,
      PrintStream out) {
    super("bench-window");
    this.meter = meter;
    this.from = from;
    this.to = to;
    this.target = target;
    this.profileFile = profileFile;
    this.out = out;
    setDaemon(true);
  }

  @Override
  public void run() {
    try {
      sleepUntil(from);
      CpuProfile recording = profileFile == null ? null : CpuProfile.start(Path.of(profileFile));
      transactionsAtStart = committedTransactions();
      cpuAtStart = meter.cpu();
      compilationMillisAtStart = compilationMillis();
      compilerCpuMillisAtStart = CompilerThreads.cpuMillis();
      ownCpuNanosAtStart = ownCpuNanos();
      for (long next = from + 1_000_000_000L; next < to; next += 1_000_000_000L) {
        peakMemoryMib = Math.max(peakMemoryMib, meter.pssMib());
        sleepUntil(next);
      }
      sleepUntil(to);
      ownCpuNanosAtEnd = ownCpuNanos();
      compilationMillisAtEnd = compilationMillis();
      compilerCpuMillisAtEnd = CompilerThreads.cpuMillis();
      cpuAtEnd = meter.cpu();
      transactionsAtEnd = committedTransactions();
      if (recording != null) {
        profile = recording.stop();
        recording.close();
        out.println("profile of the measured window written to " + profileFile);
      }
    } catch (Exception e) {
      failure.set(e);
    }
  }

  /** CPU of every process of the system in the window, the instrument's own left out. */
  double cpuMillis() {
    check();
    return cpuAtEnd.millisSince(cpuAtStart, SELF, Math.max(0, instrumentMillis()));
  }

  Map<String, Double> cpuByProcess() {
    check();
    return cpuAtEnd.byLabelSince(cpuAtStart, SELF, Math.max(0, instrumentMillis()));
  }

  /** This thread's CPU between the two CPU snapshots; -1 if this JVM cannot tell. */
  double instrumentMillis() {
    check();
    return ownCpuNanosAtStart < 0 || ownCpuNanosAtEnd < 0
        ? -1
        : (ownCpuNanosAtEnd - ownCpuNanosAtStart) / 1e6;
  }

  /**
   * The elapsed time this JVM's JIT compilers spent compiling in the window (waits for a core
   * included); -1 if it cannot tell.
   */
  long jitMillis() {
    check();
    return compilationMillisAtStart < 0 || compilationMillisAtEnd < 0
        ? -1
        : compilationMillisAtEnd - compilationMillisAtStart;
  }

  /** The CPU this JVM's compiler threads used in the window; -1 if it cannot tell. */
  long jitCpuMillis() {
    check();
    return compilerCpuMillisAtStart < 0 || compilerCpuMillisAtEnd < 0
        ? -1
        : Math.max(0, compilerCpuMillisAtEnd - compilerCpuMillisAtStart);
  }

  long transactions() {
    return transactionsByService().values().stream().mapToLong(Long::longValue).sum();
  }

  /** Committed transactions in the window, per service database. */
  Map<String, Long> transactionsByService() {
    check();
    var spent = new TreeMap<String, Long>();
    transactionsAtEnd.forEach(
        (service, count) ->
            spent.put(service, count - transactionsAtStart.getOrDefault(service, 0L)));
    return spent;
  }

  double peakMemoryMib() {
    return peakMemoryMib;
  }

  Map<String, Double> profile() {
    return profile;
  }

  private void check() {
    if (failure.get() != null) {
      throw new IllegalStateException("measuring failed", failure.get());
    }
  }

  /** This thread's CPU time so far (user and kernel), or -1. */
  private static long ownCpuNanos() {
    var threads = ManagementFactory.getThreadMXBean();
    return threads.isCurrentThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled()
        ? threads.getCurrentThreadCpuTime()
        : -1;
  }

  /** The JIT compilers' accumulated compile time in this JVM, in ms, or -1. */
  static long compilationMillis() {
    var compilation = ManagementFactory.getCompilationMXBean();
    return compilation != null && compilation.isCompilationTimeMonitoringSupported()
        ? compilation.getTotalCompilationTime()
        : -1;
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long wait;
    while ((wait = nanos - System.nanoTime()) > 0) {
      Thread.sleep(Duration.ofNanos(wait));
    }
  }

  private Map<String, Long> committedTransactions() throws SQLException {
    var serviceOf = new HashMap<String, String>();
    SERVICES.forEach(service -> serviceOf.put(target.database(service), service));
    var counts = new TreeMap<String, Long>();
    try (var connection = target.connect("postgres");
        var statement =
            connection.prepareStatement(
                "SELECT datname, xact_commit FROM pg_stat_database WHERE datname = ANY(?)")) {
      statement.setArray(1, connection.createArrayOf("text", serviceOf.keySet().toArray()));
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          counts.put(serviceOf.get(rows.getString(1)), rows.getLong(2));
        }
      }
    }
    return counts;
  }
}
