package orderpay.apps.sandbox.bench;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import orderpay.apps.sandbox.CommandLine;
import orderpay.apps.sandbox.bench.LoadGenerator.Sample;
import orderpay.apps.sandbox.bench.OrderTimelines.Timeline;
import orderpay.runtime.Env;

/**
 * {@code ./orderpay bench}: loads a throw-away OrderPay with paid orders through the public REST
 * API and prints what it sustained, how fast, and at what cost: throughput, latency percentiles
 * (from each request's intended start), where an order's time goes (from the services' own
 * timestamps), CPU per paid order over every process of the system, PostgreSQL transactions per
 * order, the database's own ceiling measured in the same run, and memory. The last line is one
 * parseable {@code bench: key=value ...} line. A benchmark, not a test: it asserts nothing.
 */
public final class Bench {
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration RAMP = Duration.ofSeconds(2);

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
    BenchOptions options =
        CommandLine.parseOrExit(() -> BenchOptions.parse(List.of(args), Env.system()));
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
    var setup = new BenchSetup(http, target.gatewayUrl());
    String admin = setup.token(target.adminEmail(), target.adminPassword());
    var products = setup.products(admin, options.products());
    var tokens = setup.customers(customerCount());
    var load = new LoadGenerator(http, target.gatewayUrl(), tokens, products);
    BenchSetup.awaitFirstPaidOrder(load);

    out.printf(
        "load: %s, a warm-up of at most %d s%s (until the JIT settles), then %d s measured ...%n",
        options.load().describe(),
        options.warmup().toSeconds(),
        options.warmupLoad().equals(options.load())
            ? ""
            : " under " + options.warmupLoad().describe(),
        options.measure().toSeconds());
    var warm =
        WarmUp.run(load, options.warmupLoad(), options.warmup(), "sandbox".equals(target.shape()));
    out.println(warm.describe());
    var meter = new ProcessMeter(target.javaProcesses(), target.postgresPort());
    long start = System.nanoTime();
    // the clients start again after the warm-up: a moment for them to be under way
    long measureFrom = start + (warm.took().isZero() ? 0 : RAMP.toNanos());
    long measureTo = measureFrom + options.measure().toNanos();
    var window =
        new MeasuredWindow(meter, measureFrom, measureTo, target, options.profileFile(), out);
    window.start();
    List<Sample> samples = load.run(options.load(), measureTo);
    window.join();

    var measured =
        samples.stream()
            .filter(s -> s.intendedNanos() >= measureFrom && s.intendedNanos() < measureTo)
            .toList();
    var report = new BenchReport(out, options, target.shape(), warm.took());
    report.answers(measured);
    var bySample = new HashMap<String, Sample>();
    measured.stream().filter(Sample::ok).forEach(s -> bySample.put(s.orderId(), s));
    long settleStart = System.nanoTime();
    var timelines = settle(bySample.keySet());
    report.settled(timelines, (System.nanoTime() - settleStart) / 1e9, orderTimelines);
    report.stages(OrderStages.of(timelines, bySample));
    report.cost(window);
    int ceilingConnections =
        Math.clamp(
            switch (options.load()) {
              case BenchOptions.Closed closed -> closed.clients();
              case BenchOptions.Open open -> load.peakInFlight();
            },
            1,
            64);
    report.ceiling(
        new DatabaseCeiling(target).transactionsPerSecond(ceilingConnections, options.ceiling()),
        ceilingConnections);
    return report.close(window.peakMemoryMib());
  }

  // ---- set-up ----

  private int customerCount() {
    return Math.max(customersFor(options.load()), customersFor(options.warmupLoad()));
  }

  private static int customersFor(BenchOptions.Load load) {
    return switch (load) {
      case BenchOptions.Closed closed -> closed.clients();
      // each customer may have a few orders in flight; OrderLimits caps open orders per customer
      case BenchOptions.Open open -> Math.clamp(open.perSecond() / 4, 16, 256);
    };
  }

  // ---- after the load ----

  /** Waits until every paid order is complete (units committed, both emails sent) or time is up. */
  private Map<String, Timeline> settle(Set<String> orderIds) throws Exception {
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
}
