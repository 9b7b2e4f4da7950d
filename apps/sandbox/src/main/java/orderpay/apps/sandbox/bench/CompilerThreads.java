package orderpay.apps.sandbox.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The CPU this JVM's JIT compiler threads have used, read from Linux's {@code /proc/self/task}. The
 * compilation MXBean counts the compilers' elapsed time, which on two busy cores includes the time
 * they waited for a core: stop 23 measured 34 s of "compile time" in a 60 s window beside the same
 * CPU per order as a window with 5 s. The threads' own CPU says what the JIT took from the system.
 * Compiler threads that HotSpot stopped during the window are not counted.
 */
final class CompilerThreads {
  private static final Path TASKS = Path.of("/proc/self/task");
  private static final double MILLIS_PER_TICK = 10.0; // USER_HZ, as in ProcessMeter

  private CompilerThreads() {}

  /** CPU ms of the live compiler threads so far, or -1 if {@code /proc} cannot tell. */
  static long cpuMillis() {
    if (!Files.isDirectory(TASKS)) {
      return -1;
    }
    try (Stream<Path> tasks = Files.list(TASKS)) {
      return Math.round(tasks.mapToLong(CompilerThreads::compilerTicks).sum() * MILLIS_PER_TICK);
    } catch (IOException | UncheckedIOException e) {
      return -1;
    }
  }

  /** utime + stime of a task if it is a compiler thread ("C1 CompilerThre", "C2 CompilerThre"). */
  private static long compilerTicks(Path task) {
    try {
      String stat = Files.readString(task.resolve("stat"));
      return ticksIfCompiler(stat);
    } catch (IOException gone) {
      return 0; // the thread ended between the listing and the read
    }
  }

  /** From one {@code stat} line: utime + stime if its name is a compiler thread's, else 0. */
  static long ticksIfCompiler(String stat) {
    int open = stat.indexOf('(');
    int close = stat.lastIndexOf(')');
    if (open < 0 || close < open) {
      return 0;
    }
    String name = stat.substring(open + 1, close);
    if (!name.startsWith("C1 Compiler") && !name.startsWith("C2 Compiler")) {
      return 0;
    }
    // after ") ": state(3) ppid ... utime is field 14, stime field 15 of the whole line
    String[] fields = stat.substring(close + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}
