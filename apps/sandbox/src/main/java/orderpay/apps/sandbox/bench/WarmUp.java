package orderpay.apps.sandbox.bench;

import java.time.Duration;
import java.util.Locale;

/**
 * Loads the system until its JIT has mostly finished compiling, so that the measured window sees
 * the code a long-running service runs. With every service in one JVM (the sandbox shape) C2 keeps
 * compiling for minutes under load: a fixed one-minute warm-up measured a system that spent a whole
 * core on compiling (stop 19: 62 s of compiling in a 60 s window). The warm-up ends when a
 * 10-second slice compiled for less than a tenth of it, or at {@code --warmup} seconds at the most.
 * In the cluster shape the services' compilers are in other JVMs: there the warm-up is fixed.
 */
final class WarmUp {
  static final Duration SLICE = Duration.ofSeconds(10);
  static final double SETTLED_SHARE = 0.10;

  /**
   * How the warm-up went: its length, the compile time of its last slice (-1: not seen) and that
   * slice's length (the last one is cut short by {@code --warmup}).
   */
  record Result(Duration took, long lastSliceJitMillis, long lastSliceMillis, boolean settled) {
    String describe() {
      if (lastSliceJitMillis < 0) {
        return took.toSeconds() + " s warm-up";
      }
      return String.format(
          Locale.ROOT,
          "%d s warm-up, %s (the JIT compiled %d ms in its last %.1f s)",
          took.toSeconds(),
          settled ? "the JIT settled" : "cut at --warmup before the JIT settled",
          lastSliceJitMillis,
          lastSliceMillis / 1000.0);
    }
  }

  private WarmUp() {}

  /** A whole slice in which the compilers worked for less than a tenth of it. */
  static boolean settled(long sliceMillis, long compiledMillis) {
    return sliceMillis >= SLICE.toMillis() && compiledMillis < SETTLED_SHARE * sliceMillis;
  }

  static Result run(
      LoadGenerator load, BenchOptions.Load shape, Duration atMost, boolean jitInThisJvm) {
    long start = System.nanoTime();
    long end = start + atMost.toNanos();
    if (atMost.isZero()) {
      return new Result(Duration.ZERO, -1, 0, false);
    }
    if (!jitInThisJvm || MeasuredWindow.compilationMillis() < 0) {
      load.run(shape, end);
      return new Result(Duration.ofNanos(System.nanoTime() - start), -1, 0, false);
    }
    while (true) {
      long sliceStart = System.nanoTime();
      long sliceEnd = Math.min(end, sliceStart + SLICE.toNanos());
      long compiledBefore = MeasuredWindow.compilationMillis();
      load.run(shape, sliceEnd); // the slice's answers are dropped: only the warmth stays
      long compiled = MeasuredWindow.compilationMillis() - compiledBefore;
      long sliceMillis = (System.nanoTime() - sliceStart) / 1_000_000;
      boolean settled = settled(sliceMillis, compiled);
      if (settled || System.nanoTime() >= end) {
        return new Result(
            Duration.ofNanos(System.nanoTime() - start), compiled, sliceMillis, settled);
      }
    }
  }
}
