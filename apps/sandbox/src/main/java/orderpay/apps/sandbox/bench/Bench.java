package orderpay.apps.sandbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import orderpay.adapters.runtime.Env;
import orderpay.apps.sandbox.bench.LoadGenerator.Sample;
import orderpay.apps.sandbox.bench.OrderTimelines.Timeline;

/**
 * {@code ./orderpay bench}: loads a throw-away OrderPay with paid orders through the public REST
 * API and prints what it sustained, how fast, and at what cost: throughput, latency percentiles
 * (from each request's intended start), where an order's time goes (from the services' own
 * timestamps), CPU per paid order over every process of the system, PostgreSQL transactions per
 * order, the database's own ceiling measured in the same run, and memory. The last line is one
 * parseable {@code bench: key=value ...} line. A benchmark, not a test: it asserts nothing.
 */
public final class Bench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> SERVICES =
      List.of("user", "product", "inventory", "order", "payment", "notification");
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(120);

  /** This JVM: the sandbox with the load, or the cluster's launcher with the load. */
  private static final long SELF = ProcessHandle.current().pid();

  private final BenchOptions options;
  private final BenchTarget target;
  private final PrintStream out;
  private final OrderTimelines orderTimelines;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .executor(Executors.newVirtualThreadPerTaskExecutor())
          .build();

  private Bench(BenchOptions options, BenchTarget target, PrintStream out) {
    this.options = options;
    this.target = target;
    this.out = out;
    this.orderTimelines = new OrderTimelines(target);
  }

  public static void main(String[] args) throws Exception {
    BenchOptions options;
    try {
      options = BenchOptions.parse(List.of(args), Env.system());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    System.out.printf(
        "starting a throw-away system (%s shape) ...%n", options.cluster() ? "cluster" : "sandbox");
    try (var target = BenchTarget.start(options)) {
      new Bench(options, target, System.out).run();
    }
  }

  /** Runs one benchmark against {@code target}; returns the closing line. */
  public static String run(BenchOptions options, BenchTarget target, PrintStream out)
      throws Exception {
    return new Bench(options, target, out).run();
  }

  private String run() throws Exception {
    String admin = token(target.adminEmail(), target.adminPassword());
    var products = new ArrayList<String>();
    for (int i = 0; i < options.products(); i++) {
      products.add(
          post(
                  "/api/v1/products",
                  "{\"name\":\"Bench item "
                      + i
                      + "\",\"price\":{\"amount\":999,\"currency\":\"EUR\"},"
                      + "\"initial_stock\":1000000000}",
                  admin)
              .get("id")
              .asText());
    }
    var tokens = customers(customerCount());
    var load = new LoadGenerator(http, target.gatewayUrl(), tokens, products);
    awaitFirstPaidOrder(load);

    var meter = new ProcessMeter(target.javaProcesses(), target.postgresPort());
    long start = System.nanoTime();
    long measureFrom = start + options.warmup().toNanos();
    long measureTo = measureFrom + options.measure().toNanos();
    out.printf(
        "load: %s, %d s warm-up, then %d s measured ...%n",
        options.load().describe(), options.warmup().toSeconds(), options.measure().toSeconds());
    var window = new MeasuredWindow(meter, measureFrom, measureTo);
    window.start();
    List<Sample> samples = load.run(options.load(), measureTo);
    window.join();

    var measured =
        samples.stream()
            .filter(s -> s.intendedNanos() >= measureFrom && s.intendedNanos() < measureTo)
            .toList();
    var paid = measured.stream().filter(Sample::ok).toList();
    var failed = measured.stream().filter(s -> !s.ok()).toList();
    double seconds = options.measure().toSeconds();

    out.println();
    out.printf(
        Locale.ROOT,
        "measured %d s: %d orders sent, %d answered PAID (%.1f per second), %d errors%n",
        (long) seconds,
        measured.size(),
        paid.size(),
        paid.size() / seconds,
        failed.size());
    describeErrors(failed);

    var postLatency = sorted(measured.stream().map(Sample::latencyMillis).toList());
    out.printf(
        Locale.ROOT,
        "POST /api/v1/orders answer (from its intended start): p50 %.1f, p90 %.1f, p99 %.1f,"
            + " p99.9 %.1f, max %.1f ms%n",
        percentile(postLatency, 50),
        percentile(postLatency, 90),
        percentile(postLatency, 99),
        percentile(postLatency, 99.9),
        postLatency.isEmpty() ? Double.NaN : postLatency.getLast());

    var bySample = new HashMap<String, Sample>();
    paid.forEach(s -> bySample.put(s.orderId(), s));
    long settleStart = System.nanoTime();
    var timelines = settle(bySample.keySet());
    long incomplete = timelines.values().stream().filter(t -> !t.complete()).count();
    out.printf(
        Locale.ROOT,
        "settled: %d of %d paid orders have their units committed and both emails sent (%.1f s"
            + " after the load stopped)%n",
        timelines.size() - incomplete,
        timelines.size(),
        (System.nanoTime() - settleStart) / 1e9);
    if (incomplete > 0) {
      out.printf(
          "  not done: %d not PAID, %d units not committed, %d without both emails sent%n",
          timelines.values().stream().filter(t -> !"PAID".equals(t.status())).count(),
          timelines.values().stream().filter(t -> t.committed() == null).count(),
          timelines.values().stream().filter(t -> t.emailsSent() < 2).count());
      for (var stuck :
          timelines.entrySet().stream().filter(e -> !e.getValue().complete()).limit(3).toList()) {
        out.printf("  e.g. order %s: %s%n", stuck.getKey(), stuck.getValue());
        for (String message : orderTimelines.messages(stuck.getKey())) {
          out.println("    message " + message);
        }
      }
    }

    var stages = stages(timelines, bySample);
    out.println("where an order's time goes (ms, p50 / p99):");
    stages.forEach(
        (name, spans) ->
            out.printf(
                Locale.ROOT,
                "  %-58s %8.1f %8.1f%n",
                name,
                percentile(spans, 50),
                percentile(spans, 99)));
    var paidLatency = stages.get(PAID_STAGE);
    var mailLatency = stages.get(MAIL_STAGE);

    double cpuMillis = window.cpuMillis();
    double cpuPerOrder = paid.isEmpty() ? Double.NaN : cpuMillis / paid.size();
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
    window
        .cpuByProcess()
        .forEach(
            (label, millis) ->
                out.printf(
                    Locale.ROOT, " %s %.2f", label, paid.isEmpty() ? 0 : millis / paid.size()));
    out.println();
    double transactionsPerOrder =
        paid.isEmpty() ? Double.NaN : window.transactions() / (double) paid.size();
    out.printf(
        Locale.ROOT,
        "PostgreSQL: %.1f committed transactions per paid order (every service's database):",
        transactionsPerOrder);
    window
        .transactionsByService()
        .forEach(
            (service, count) ->
                out.printf(
                    Locale.ROOT,
                    " %s %.1f",
                    service,
                    paid.isEmpty() ? 0 : count / (double) paid.size()));
    out.println();
    long jitMillis = window.jitMillis();
    out.printf(
        "JIT: %s in the measured window (%s)%n",
        jitMillis < 0 ? "compile time not measurable" : jitMillis + " ms compiling",
        target.shape().equals("cluster")
            ? "bench JVM: the launcher only, not the services' JVMs"
            : "bench JVM");
    window
        .profile()
        .forEach(
            (part, share) -> out.printf(Locale.ROOT, "  profile %-34s %5.1f%%%n", part, share));

    int ceilingConnections =
        Math.clamp(
            switch (options.load()) {
              case BenchOptions.Closed closed -> closed.clients();
              case BenchOptions.Open open -> load.peakInFlight();
            },
            1,
            64);
    double ceiling =
        new DatabaseCeiling(target).transactionsPerSecond(ceilingConnections, options.ceiling());
    out.printf(
        Locale.ROOT,
        "database ceiling: %.0f order + outbox transactions per second with %d connections on the"
            + " same PostgreSQL (paid orders per second are %.1f%% of it)%n",
        ceiling,
        ceilingConnections,
        100 * paid.size() / seconds / ceiling);
    out.printf(
        Locale.ROOT,
        "memory: %.0f MiB at most during the measured window (PSS of every process)%n",
        window.peakMemoryMib());

    String closing =
        String.format(
            Locale.ROOT,
            "bench: shape=%s %s products=%d warmup_s=%d seconds=%d paid_per_s=%.1f errors=%d"
                + " incomplete=%d"
                + " p50_ms=%.1f p99_ms=%.1f p999_ms=%.1f paid_p99_ms=%.1f mail_p99_ms=%.1f"
                + " cpu_ms_per_order=%.2f tx_per_order=%.1f db_ceiling_tx_per_s=%.0f rss_mib=%.0f"
                + " jit_ms=%d",
            target.shape(),
            options.load().describe(),
            options.products(),
            options.warmup().toSeconds(),
            (long) seconds,
            paid.size() / seconds,
            failed.size(),
            incomplete,
            percentile(postLatency, 50),
            percentile(postLatency, 99),
            percentile(postLatency, 99.9),
            percentile(paidLatency, 99),
            percentile(mailLatency, 99),
            cpuPerOrder,
            transactionsPerOrder,
            ceiling,
            window.peakMemoryMib(),
            jitMillis);
    out.println(closing);
    return closing;
  }

  // ---- set-up ----

  private int customerCount() {
    return switch (options.load()) {
      case BenchOptions.Closed closed -> closed.clients();
      // each customer may have a few orders in flight; OrderLimits caps open orders per customer
      case BenchOptions.Open open -> Math.clamp(open.perSecond() / 4, 16, 256);
    };
  }

  /** Signs up {@code count} customers (a few at a time: Argon2 is meant to be slow). */
  private List<String> customers(int count) throws Exception {
    var tokens = new ArrayList<String>();
    var gate = new Semaphore(4);
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      var futures = new ArrayList<java.util.concurrent.Future<String>>();
      for (int i = 0; i < count; i++) {
        futures.add(
            pool.submit(
                () -> {
                  gate.acquire();
                  try {
                    String email =
                        "bench-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
                    post(
                        "/api/v1/users",
                        "{\"email\":\""
                            + email
                            + "\",\"password\":\"bench-password\",\"name\":\"B\"}",
                        null);
                    return token(email, "bench-password");
                  } finally {
                    gate.release();
                  }
                }));
      }
      for (var future : futures) {
        tokens.add(future.get());
      }
    }
    return tokens;
  }

  /** Inventory learns of a new product through Kafka: the load starts once an order can pass. */
  private void awaitFirstPaidOrder(LoadGenerator load) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    for (int product = 0; product < load.products(); product++) {
      while (true) {
        var first = load.placeOne(product);
        if (first.ok()) {
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("no order could be paid within 60 s: " + first);
        }
        Thread.sleep(100);
      }
    }
  }

  // ---- after the load ----

  /** Waits until every paid order is complete (units committed, both emails sent) or time is up. */
  private Map<String, Timeline> settle(java.util.Set<String> orderIds) throws Exception {
    var all = new LinkedHashMap<String, Timeline>();
    var open = new ArrayList<>(orderIds);
    long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
    while (true) {
      var read = orderTimelines.read(open);
      all.putAll(read);
      open.removeIf(id -> read.get(id).complete());
      if (open.isEmpty() || System.nanoTime() > deadline) {
        return all;
      }
      Thread.sleep(250);
    }
  }

  private static final String PAID_STAGE = "POST -> PAID (outcome recorded)";
  private static final String MAIL_STAGE = "PAID -> both emails sent";

  private static Map<String, List<Double>> stages(
      Map<String, Timeline> timelines, Map<String, Sample> samples) {
    // by identity: two orders could record the very same instants
    var intended = new IdentityHashMap<Timeline, Instant>();
    var answered = new IdentityHashMap<Timeline, Instant>();
    timelines.forEach(
        (id, timeline) -> {
          Sample sample = samples.get(id);
          intended.put(timeline, sample.intendedAt());
          answered.put(
              timeline,
              sample.intendedAt().plusNanos(sample.answeredNanos() - sample.intendedNanos()));
        });
    var all = timelines.values();
    var stages = new LinkedHashMap<String, List<Double>>();
    Function<Timeline, Instant> start = intended::get;
    stages.put(
        "accept: gateway, auth, price, checks, record the order",
        OrderTimelines.spans(all, start, Timeline::placed));
    stages.put(
        "reserve the units (inventory)",
        OrderTimelines.spans(all, Timeline::placed, Timeline::held));
    stages.put(
        "start the payment (payment service)",
        OrderTimelines.spans(all, Timeline::held, Timeline::paymentCreated));
    stages.put(
        "create + confirm the intent (Stripe call)",
        OrderTimelines.spans(all, Timeline::paymentCreated, Timeline::paymentConfirmed));
    stages.put(
        "settle the order as PAID",
        OrderTimelines.spans(all, Timeline::paymentConfirmed, Timeline::outcome));
    stages.put("answer the client", OrderTimelines.spans(all, Timeline::outcome, answered::get));
    stages.put(PAID_STAGE, OrderTimelines.spans(all, start, Timeline::outcome));
    stages.put(
        "PAID -> units committed (outbox, Kafka, inventory)",
        OrderTimelines.spans(all, Timeline::outcome, Timeline::committed));
    stages.put(
        "PAID -> emails queued (outbox, Kafka, notification)",
        OrderTimelines.spans(all, Timeline::outcome, Timeline::emailsQueued));
    stages.put(
        "emails queued -> sent (dispatcher, SMTP)",
        OrderTimelines.spans(all, Timeline::emailsQueued, Timeline::emailsDone));
    stages.put(MAIL_STAGE, OrderTimelines.spans(all, Timeline::outcome, Timeline::emailsDone));
    return stages;
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

  /**
   * What happens at the edges of the measured window, off the load's threads: CPU, JIT and
   * transaction counters read at its start and end, memory sampled each second, a profile if asked
   * for. What this thread itself spends on the CPU between the two CPU snapshots (finding the
   * processes, reading their memory: kernel time mostly) is measured too and left out of the
   * figures, so that they are what the system costs, not what measuring it costs.
   */
  private final class MeasuredWindow extends Thread {
    private final ProcessMeter meter;
    private final long from;
    private final long to;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private ProcessMeter.CpuSnapshot cpuAtStart;
    private ProcessMeter.CpuSnapshot cpuAtEnd;
    private long ownCpuNanosAtStart;
    private long ownCpuNanosAtEnd;
    private long compilationMillisAtStart;
    private long compilationMillisAtEnd;
    private Map<String, Long> transactionsAtStart = Map.of();
    private Map<String, Long> transactionsAtEnd = Map.of();
    private double peakMemoryMib;
    private Map<String, Double> profile = Map.of();

    MeasuredWindow(ProcessMeter meter, long from, long to) {
      super("bench-window");
      this.meter = meter;
      this.from = from;
      this.to = to;
      setDaemon(true);
    }

    @Override
    public void run() {
      try {
        sleepUntil(from);
        CpuProfile recording =
            options.profileFile() == null ? null : CpuProfile.start(Path.of(options.profileFile()));
        transactionsAtStart = committedTransactions();
        cpuAtStart = meter.cpu();
        compilationMillisAtStart = compilationMillis();
        ownCpuNanosAtStart = ownCpuNanos();
        for (long next = from + 1_000_000_000L; next < to; next += 1_000_000_000L) {
          peakMemoryMib = Math.max(peakMemoryMib, meter.pssMib());
          sleepUntil(next);
        }
        sleepUntil(to);
        ownCpuNanosAtEnd = ownCpuNanos();
        compilationMillisAtEnd = compilationMillis();
        cpuAtEnd = meter.cpu();
        transactionsAtEnd = committedTransactions();
        if (recording != null) {
          profile = recording.stop();
          recording.close();
          out.println("profile of the measured window written to " + options.profileFile());
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

    /** What this JVM's JIT compilers spent compiling in the window; -1 if it cannot tell. */
    long jitMillis() {
      check();
      return compilationMillisAtStart < 0 || compilationMillisAtEnd < 0
          ? -1
          : compilationMillisAtEnd - compilationMillisAtStart;
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
    private static long compilationMillis() {
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

  // ---- helpers ----

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

  private String token(String email, String password) throws Exception {
    return post(
            "/api/v1/auth/token",
            "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}",
            null)
        .get("access_token")
        .asText();
  }

  private JsonNode post(String path, String json, String token) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create(target.gatewayUrl() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    var reply = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (reply.statusCode() >= 400) {
      throw new IllegalStateException(
          path + " answered " + reply.statusCode() + ": " + reply.body());
    }
    return JSON.readTree(reply.body());
  }
}
