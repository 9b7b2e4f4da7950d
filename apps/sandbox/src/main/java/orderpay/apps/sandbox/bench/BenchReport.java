package orderpay.apps.sandbox.bench;

import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import orderpay.apps.sandbox.bench.LoadGenerator.Sample;
import orderpay.apps.sandbox.bench.OrderTimelines.Timeline;

/**
 * What a benchmark prints, each part as the run gets to it, and the closing {@code bench: key=value
 * ...} line that repeats its figures. docs/performance.md and BenchTest read these lines: their
 * format is fixed.
 */
final class BenchReport {
  private final PrintStream out;
  private final BenchOptions options;
  private final String shape;
  private final double seconds;

  // the figures the closing line repeats, as each part finds them
  private int paid;
  private int errors;
  private List<Double> postLatency = List.of();
  private long incomplete;
  private List<Double> paidLatency = List.of();
  private List<Double> mailLatency = List.of();
  private double cpuPerOrder;
  private double transactionsPerOrder;
  private long jitMillis;
  private long jitCpuMillis;
  private double ceiling;
  private final Duration warmedUp;

  BenchReport(PrintStream out, BenchOptions options, String shape, Duration warmedUp) {
    this.out = out;
    this.options = options;
    this.shape = shape;
    this.warmedUp = warmedUp;
    this.seconds = options.measure().toSeconds();
  }

  /** The orders whose intended start fell in the measured window: how many, how fast answered. */
  void answers(List<Sample> measured) {
    var failed = measured.stream().filter(s -> !s.ok()).toList();
    paid = measured.size() - failed.size();
    errors = failed.size();
    out.println();
    out.printf(
        Locale.ROOT,
        "measured %d s: %d orders sent, %d answered PAID (%.1f per second), %d errors%n",
        (long) seconds,
        measured.size(),
        paid,
        paid / seconds,
        errors);
    describeErrors(failed);
    postLatency = sorted(measured.stream().map(Sample::latencyMillis).toList());
    out.printf(
        Locale.ROOT,
        "POST /api/v1/orders answer (from its intended start): p50 %.1f, p90 %.1f, p99 %.1f,"
            + " p99.9 %.1f, max %.1f ms%n",
        percentile(postLatency, 50),
        percentile(postLatency, 90),
        percentile(postLatency, 99),
        percentile(postLatency, 99.9),
        postLatency.isEmpty() ? Double.NaN : postLatency.getLast());
  }

  private void describeErrors(List<Sample> failed) {
    var byKind = new TreeMap<String, Integer>();
    var example = new HashMap<String, String>();
    for (Sample sample : failed) {
      String kind = sample.status() == 0 ? "no answer" : "HTTP " + sample.status();
      if (sample.status() == 201) {
        kind = "201 but not PAID";
      }
      byKind.merge(kind, 1, Integer::sum);
      example.putIfAbsent(kind, String.valueOf(sample.error()));
    }
    byKind.forEach(
        (kind, count) ->
            out.printf(
                "  %d x %s, e.g. %s%n",
                count,
                kind,
                example.get(kind).length() > 200
                    ? example.get(kind).substring(0, 200)
                    : example.get(kind)));
  }

  /** How many paid orders completed once the load stopped, and a few that did not. */
  void settled(Map<String, Timeline> timelines, double secondsAfter, OrderTimelines orders)
      throws SQLException {
    incomplete = timelines.values().stream().filter(t -> !t.complete()).count();
    out.printf(
        Locale.ROOT,
        "settled: %d of %d paid orders have their units committed and both emails sent (%.1f s"
            + " after the load stopped)%n",
        timelines.size() - incomplete,
        timelines.size(),
        secondsAfter);
    if (incomplete > 0) {
      out.printf(
          "  not done: %d not PAID, %d units not committed, %d without both emails sent%n",
          timelines.values().stream().filter(t -> !"PAID".equals(t.status())).count(),
          timelines.values().stream().filter(t -> t.committed() == null).count(),
          timelines.values().stream().filter(t -> t.emailsSent() < 2).count());
      for (var stuck :
          timelines.entrySet().stream().filter(e -> !e.getValue().complete()).limit(3).toList()) {
        out.printf("  e.g. order %s: %s%n", stuck.getKey(), stuck.getValue());
        for (String message : orders.messages(stuck.getKey())) {
          out.println("    message " + message);
        }
      }
    }
  }

  void stages(Map<String, List<Double>> stages) {
    out.println("where an order's time goes (ms, p50 / p99):");
    stages.forEach(
        (name, spans) ->
            out.printf(
                Locale.ROOT,
                "  %-58s %8.1f %8.1f%n",
                name,
                percentile(spans, 50),
                percentile(spans, 99)));
    paidLatency = stages.get(OrderStages.PAID);
    mailLatency = stages.get(OrderStages.MAIL);
  }

  /** CPU and transactions per paid order, JIT time and the profile, all over the window. */
  void cost(MeasuredWindow window) {
    double cpuMillis = window.cpuMillis();
    cpuPerOrder = paid == 0 ? Double.NaN : cpuMillis / paid;
    out.printf(
        Locale.ROOT,
        "CPU: %.2f ms per paid order over every process (%.0f%% of %d cores) (%s); by process:",
        cpuPerOrder,
        100 * cpuMillis / (seconds * 1000 * Runtime.getRuntime().availableProcessors()),
        Runtime.getRuntime().availableProcessors(),
        window.instrumentMillis() < 0
            ? "the instrument's own CPU is not measurable in this JVM and is left in"
            : String.format(
                Locale.ROOT, "the instrument's own %.0f ms left out", window.instrumentMillis()));
    window.cpuByProcess().forEach((label, millis) -> perOrder(label, "%.2f", millis));
    out.println();
    transactionsPerOrder = paid == 0 ? Double.NaN : window.transactions() / (double) paid;
    out.printf(
        Locale.ROOT,
        "PostgreSQL: %.1f committed transactions per paid order (every service's database):",
        transactionsPerOrder);
    window.transactionsByService().forEach((service, count) -> perOrder(service, "%.1f", count));
    out.println();
    jitMillis = window.jitMillis();
    jitCpuMillis = window.jitCpuMillis();
    out.printf(
        "JIT: %s in the measured window (%s)%n",
        jitMillis < 0
            ? "compile time not measurable"
            : jitMillis
                + " ms compiling, "
                + (jitCpuMillis < 0 ? "CPU not measurable" : jitCpuMillis + " ms of CPU"),
        shape.equals("cluster")
            ? "bench JVM: the launcher only, not the services' JVMs"
            : "bench JVM");
    out.println(jvmLine());
    window
        .profile()
        .forEach(
            (part, share) -> out.printf(Locale.ROOT, "  profile %-34s %5.1f%%%n", part, share));
  }

  /**
   * The bench JVM's collectors and heap limit: the figures depend on them (stop 23: the parallel
   * collector against G1 on two cores).
   */
  static String jvmLine() {
    var collectors =
        java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(java.lang.management.GarbageCollectorMXBean::getName)
            .toList();
    return "JVM: garbage collectors "
        + String.join(", ", collectors)
        + "; heap at most "
        + Runtime.getRuntime().maxMemory() / (1024 * 1024)
        + " MiB (bench JVM)";
  }

  /** One part's share per paid order, e.g. {@code postgres 1.23}. */
  private void perOrder(String part, String format, Number total) {
    out.printf(Locale.ROOT, " %s " + format, part, paid == 0 ? 0 : total.doubleValue() / paid);
  }

  void ceiling(double transactionsPerSecond, int connections) {
    ceiling = transactionsPerSecond;
    out.printf(
        Locale.ROOT,
        "database ceiling: %.0f order + outbox transactions per second with %d connections on the"
            + " same PostgreSQL (paid orders per second are %.1f%% of it)%n",
        ceiling,
        connections,
        100 * paid / seconds / ceiling);
  }

  /** The memory line, then the closing line; returns the closing line. */
  String close(double peakMemoryMib) {
    out.printf(
        Locale.ROOT,
        "memory: %.0f MiB at most during the measured window (PSS of every process)%n",
        peakMemoryMib);
    String closing =
        String.format(
            Locale.ROOT,
            "bench: shape=%s %s products=%d warmup_s=%d seconds=%d paid_per_s=%.1f errors=%d"
                + " incomplete=%d"
                + " p50_ms=%.1f p99_ms=%.1f p999_ms=%.1f paid_p99_ms=%.1f mail_p99_ms=%.1f"
                + " cpu_ms_per_order=%.2f tx_per_order=%.1f db_ceiling_tx_per_s=%.0f rss_mib=%.0f"
                + " jit_ms=%d jit_cpu_ms=%d",
            shape,
            options.load().describe(),
            options.products(),
            warmedUp.toSeconds(),
            (long) seconds,
            paid / seconds,
            errors,
            incomplete,
            percentile(postLatency, 50),
            percentile(postLatency, 99),
            percentile(postLatency, 99.9),
            percentile(paidLatency, 99),
            percentile(mailLatency, 99),
            cpuPerOrder,
            transactionsPerOrder,
            ceiling,
            peakMemoryMib,
            jitMillis,
            jitCpuMillis);
    out.println(closing);
    return closing;
  }

  private static List<Double> sorted(List<Double> values) {
    var copy = new ArrayList<>(values);
    Collections.sort(copy);
    return copy;
  }

  /** The nearest-rank percentile of sorted values; NaN when there are none. */
  static double percentile(List<Double> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.clamp(rank - 1, 0, sorted.size() - 1));
  }
}
