package orderpay.apps.sandbox.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the system costs the machine, read from Linux's {@code /proc}: CPU time and proportional
 * memory (PSS, so PostgreSQL's shared buffers count once) of the JVMs, their child processes and
 * the PostgreSQL server on a given port with all its backends.
 */
final class ProcessMeter {
  private static final Path PROC = Path.of("/proc");

  /** USER_HZ: what /proc/<pid>/stat counts CPU time in; 100 on every Linux this runs on. */
  private static final double MILLIS_PER_TICK = 10.0;

  private final Map<String, Long> javaProcesses;
  private final int postgresPort;
  // one thread at a time uses a meter (the measuring thread)
  private long postmaster = -1;
  private int postmasterSearches;

  /** {@code javaProcesses}: a label (e.g. {@code order#2}) for each JVM of the system. */
  ProcessMeter(Map<String, Long> javaProcesses, int postgresPort) {
    this.javaProcesses = Map.copyOf(javaProcesses);
    this.postgresPort = postgresPort;
  }

  static boolean available() {
    return Files.isReadable(PROC.resolve("self/stat"));
  }

  /**
   * CPU time so far per process, in ticks, and the label each process counts for; exited children
   * are in their parent's totals.
   */
  record CpuSnapshot(Map<Long, Long> ticks, Map<Long, String> labels) {
    /**
     * Milliseconds of CPU spent between {@code earlier} and this snapshot, per label (a JVM with
     * what it started, or {@code postgres}).
     */
    Map<String, Double> byLabelSince(CpuSnapshot earlier) {
      var millis = new TreeMap<String, Double>();
      for (var entry : ticks.entrySet()) {
        long spent = Math.max(0, entry.getValue() - earlier.ticks.getOrDefault(entry.getKey(), 0L));
        millis.merge(labels.get(entry.getKey()), spent * MILLIS_PER_TICK, Double::sum);
      }
      return millis;
    }

    /**
     * The same, less {@code leftOutMillis} from the label process {@code pid} counts for (never
     * below zero): the measuring thread's own CPU in the JVM it runs in, so that the figures are
     * what the system costs, not what measuring it costs.
     */
    Map<String, Double> byLabelSince(CpuSnapshot earlier, long pid, double leftOutMillis) {
      String label = labels.get(pid);
      if (label == null || !ticks.containsKey(pid)) {
        throw new IllegalArgumentException(
            "process " + pid + " is not measured: its CPU cannot be left out");
      }
      var millis = byLabelSince(earlier);
      millis.computeIfPresent(label, (l, spent) -> Math.max(0, spent - leftOutMillis));
      return millis;
    }

    /** {@link #byLabelSince(CpuSnapshot, long, double)} over every label. */
    double millisSince(CpuSnapshot earlier, long pid, double leftOutMillis) {
      return byLabelSince(earlier, pid, leftOutMillis).values().stream()
          .mapToDouble(Double::doubleValue)
          .sum();
    }
  }

  CpuSnapshot cpu() {
    var ticks = new HashMap<Long, Long>();
    var labels = processes();
    for (long pid : labels.keySet()) {
      long[] times = cpuTicks(pid);
      if (times.length > 0) {
        ticks.put(pid, times[0] + times[1] + times[2] + times[3]);
      }
    }
    return new CpuSnapshot(ticks, labels);
  }

  /** Proportional set size of the whole system, in MiB. */
  double pssMib() {
    long kib = 0;
    for (long pid : processes().keySet()) {
      kib += pssKib(pid);
    }
    return kib / 1024.0;
  }

  /**
   * The JVMs, everything they started, and the PostgreSQL server with its backends, each with the
   * label it counts for. A process a labelled JVM started counts for that JVM unless it is labelled
   * itself (the cluster's launcher starts the service JVMs).
   */
  Map<Long, String> processes() {
    var labels = new HashMap<Long, String>();
    javaProcesses.forEach((label, pid) -> labels.put(pid, label));
    long postmaster = postmaster();
    if (postmaster > 0) {
      labels.put(postmaster, "postgres");
      ProcessHandle.of(postmaster)
          .ifPresent(p -> p.descendants().forEach(d -> labels.putIfAbsent(d.pid(), "postgres")));
    }
    javaProcesses.forEach(
        (label, pid) ->
            ProcessHandle.of(pid)
                .ifPresent(p -> p.descendants().forEach(d -> labels.putIfAbsent(d.pid(), label))));
    return labels;
  }

  /**
   * The postmaster: found once by its command line ({@code postgres ... -p <port>}) and remembered,
   * since finding it reads the command line of every process on the machine; found again only when
   * the remembered process is gone (or its pid now runs something else).
   */
  private long postmaster() {
    if (postmaster > 0 && isPostmaster(postmaster)) {
      return postmaster;
    }
    postmaster = findPostmaster();
    return postmaster;
  }

  /** How many times {@code /proc} was searched for the postmaster (for tests). */
  int postmasterSearches() {
    return postmasterSearches;
  }

  private long findPostmaster() {
    postmasterSearches++;
    try (Stream<Path> entries = Files.list(PROC)) {
      for (Path entry : entries.toList()) {
        String name = entry.getFileName().toString();
        if (name.chars().allMatch(Character::isDigit) && isPostmaster(Long.parseLong(name))) {
          return Long.parseLong(name);
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }

  private boolean isPostmaster(long pid) {
    try {
      String commandLine =
          new String(Files.readAllBytes(PROC.resolve(pid + "/cmdline")), StandardCharsets.UTF_8);
      return commandLine.contains("postgres")
          && (commandLine + "\0").contains("\0-p\0" + postgresPort + "\0");
    } catch (IOException gone) {
      return false; // the process ended while we looked
    }
  }

  /** utime, stime, cutime, cstime from /proc/<pid>/stat; empty if the process is gone. */
  private static long[] cpuTicks(long pid) {
    try {
      String stat = Files.readString(PROC.resolve(pid + "/stat"));
      // the command name may hold spaces and parentheses: fields count from the last ')'
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return new long[] {
        Long.parseLong(fields[11]),
        Long.parseLong(fields[12]),
        Long.parseLong(fields[13]),
        Long.parseLong(fields[14])
      };
    } catch (IOException | RuntimeException gone) {
      return new long[0];
    }
  }

  private static long pssKib(long pid) {
    try {
      for (String line : Files.readAllLines(PROC.resolve(pid + "/smaps_rollup"))) {
        if (line.startsWith("Pss:")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (IOException | RuntimeException gone) {
      // ended, or not ours to read
    }
    return 0;
  }
}
