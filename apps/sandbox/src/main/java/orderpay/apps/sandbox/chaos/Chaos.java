package orderpay.apps.sandbox.chaos;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import orderpay.apps.sandbox.Folders;
import orderpay.apps.sandbox.cluster.Cluster;
import orderpay.apps.sandbox.cluster.ClusterOptions;
import orderpay.apps.sandbox.cluster.ClusterProcess;
import orderpay.apps.sandbox.cluster.Signal;

/**
 * {@code ./orderpay chaos [--seed S] [--runs N] [--scenario NAME[,NAME...]] [--minutes M]}: the
 * fault battery of issue 8. Each run starts a fresh cluster (every service its own process, two
 * replicas of the replicated ones) and goes through the scenarios on it: a steady seeded load
 * through the REST API, one fault injected at a random moment while the load runs, healed, the load
 * stopped, and the {@link Auditor} checks I1-I7 once the system is quiet (at most 60 s after the
 * fault healed). One row per scenario; a closing {@code N passed, M failed}; exit status 1 on any
 * break.
 *
 * <p>Run {@code k} (from 1) uses the seed {@code S + k - 1}; a scenario's fault (which replica,
 * when, for how long) and its load draw from that seed and the scenario's name, so {@code --seed
 * S+k-1 --scenario NAME} replays the same fault against the same requests. The interleaving of
 * processes is the operating system's.
 */
public final class Chaos {
  /** I3: every accepted order terminal within this long after the faults heal. */
  static final Duration SETTLE_AFTER_HEAL = Duration.ofSeconds(60);

  private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(150);
  private static final Duration LOAD_AFTER_HEAL = Duration.ofSeconds(2);
  private static final int VIOLATIONS_SHOWN = 10;

  /** Between one customer's actions: a light load leaves the two cores to the restarts. */
  private static final Duration THINK_TIME = Duration.ofMillis(300);

  /**
   * Short windows so abandoned orders end within I3's 60 s: a 20 s payment window swept every
   * second (20 s + 1 s < the 60 s hold), reconciliation after 5 s, recovery of stuck sagas after 5
   * s, email retries at most 5 s apart.
   */
  static final Map<String, String> CLUSTER_ENVIRONMENT =
      Map.ofEntries(
          Map.entry("ORDER_PAYMENT_TTL", "20s"),
          Map.entry("ORDER_SWEEP_INTERVAL", "1s"),
          Map.entry("INVENTORY_RESERVATION_TTL", "60s"),
          Map.entry("INVENTORY_EXPIRY_SWEEP_INTERVAL", "1s"),
          Map.entry("PAYMENT_RECONCILE_AFTER", "5s"),
          Map.entry("PAYMENT_RECONCILE_INTERVAL", "2s"),
          Map.entry("ORDER_RECOVERY_GRACE", "5s"),
          Map.entry("NOTIFICATION_MAX_BACKOFF", "5s"),
          Map.entry("NOTIFICATION_LEASE", "10s"));

  private Chaos() {}

  /** What the battery runs; {@code scenarios} empty means all of them. */
  public record Options(
      Path root, long seed, int runs, List<String> scenarioNames, Optional<Duration> budget) {
    public Options {
      if (runs < 1) {
        throw new IllegalArgumentException("--runs must be at least 1, got " + runs);
      }
      scenarioNames = List.copyOf(scenarioNames);
      var known = Chaos.scenarios().stream().map(Scenario::name).collect(Collectors.toSet());
      for (String name : scenarioNames) {
        if (!known.contains(name)) {
          throw new IllegalArgumentException(
              "no scenario '"
                  + name
                  + "'; there are: "
                  + Chaos.scenarios().stream()
                      .map(Scenario::name)
                      .collect(Collectors.joining(", ")));
        }
      }
    }

    /** The command line; {@code --minutes} without {@code --runs} runs until the time is up. */
    public static Options parse(List<String> args, Path root) {
      long seed = 1;
      int runs = 1;
      boolean runsGiven = false;
      var scenarios = new ArrayList<String>();
      Optional<Duration> budget = Optional.empty();
      for (int i = 0; i < args.size(); i++) {
        String flag = args.get(i);
        if (!List.of("--seed", "--runs", "--scenario", "--minutes").contains(flag)) {
          throw new IllegalArgumentException(
              "unknown argument '"
                  + flag
                  + "'; usage: chaos [--seed S] [--runs N] [--scenario NAME] [--minutes M]");
        }
        if (i + 1 >= args.size()) {
          throw new IllegalArgumentException(flag + " needs a value");
        }
        String value = args.get(++i);
        try {
          switch (flag) {
            case "--seed" -> seed = Long.parseLong(value);
            case "--runs" -> {
              runs = Integer.parseInt(value);
              runsGiven = true;
            }
            case "--scenario" -> scenarios.addAll(List.of(value.split(",")));
            default ->
                budget =
                    Optional.of(Duration.ofSeconds(Math.round(Double.parseDouble(value) * 60)));
          }
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(flag + " needs a number, got '" + value + "'");
        }
      }
      if (budget.isPresent() && !runsGiven) {
        runs = Integer.MAX_VALUE;
      }
      return new Options(root, seed, runs, scenarios, budget);
    }

    List<Scenario> selected() {
      return scenarioNames.isEmpty()
          ? Chaos.scenarios()
          : Chaos.scenarios().stream().filter(s -> scenarioNames.contains(s.name())).toList();
    }
  }

  /** A fault inflicted on a cluster under load; it has healed when this returns. */
  @FunctionalInterface
  interface Fault {
    Injected inflict(Cluster cluster, Random random) throws InterruptedException;
  }

  /** What a fault did: how many faults it injected, and which, in words. */
  public record Injected(int count, String detail) {}

  public record Scenario(String name, Fault fault) {}

  /** One scenario of one run: what it did and what the audit found that earlier rows had not. */
  public record Row(
      int run,
      long seed,
      String scenario,
      long ordersPlaced,
      Injected injected,
      List<Finding> findings,
      Optional<String> error,
      Phases took) {
    public boolean passed() {
      return error.isEmpty() && findings.stream().allMatch(Finding::passed);
    }

    String line() {
      String verdicts =
          findings.isEmpty()
              ? "-    ".repeat(Invariant.values().length)
              : findings.stream()
                  .map(f -> "%-5s".formatted(f.verdict()))
                  .collect(Collectors.joining());
      return "%3d %6d  %-18s %6d %6d  %s %5ds  %s  (%s)"
          .formatted(
              run,
              seed,
              scenario,
              ordersPlaced,
              injected.count(),
              verdicts,
              took.total().toSeconds(),
              error.map(e -> "ERROR " + e).orElse(injected.detail()),
              took);
    }
  }

  /** Where a scenario's time went: load set-up, fault until healed, load stop and audit. */
  public record Phases(Duration setUp, Duration fault, Duration audit) {
    static final Phases NONE = new Phases(Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public Duration total() {
      return setUp.plus(fault).plus(audit);
    }

    @Override
    public String toString() {
      return "set-up %d s, fault %d s, audit and recovery %d s"
          .formatted(setUp.toSeconds(), fault.toSeconds(), audit.toSeconds());
    }
  }

  /** Every row of a battery. */
  public record Outcome(List<Row> rows) {
    public long passed() {
      return rows.stream().filter(Row::passed).count();
    }

    public long failed() {
      return rows.size() - passed();
    }

    public String closing() {
      return "%d passed, %d failed".formatted(passed(), failed());
    }
  }

  public static void main(String[] args) {
    Options options;
    try {
      options = Options.parse(List.of(args), ClusterOptions.findRoot());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Outcome outcome = run(options, System.out);
    System.exit(outcome.failed() == 0 ? 0 : 1);
  }

  /** Runs the battery, printing as it goes; returns every row. */
  public static Outcome run(Options options, PrintStream out) {
    Instant started = Instant.now();
    var rows = new ArrayList<Row>();
    out.printf(
        "Chaos battery: seed %d, %s, scenarios %s%n",
        options.seed(),
        options.runs() == Integer.MAX_VALUE
            ? "runs until the time is up"
            : options.runs() + " run(s)",
        options.selected().stream().map(Scenario::name).collect(Collectors.joining(", ")));
    for (int run = 1; run <= options.runs(); run++) {
      if (run > 1
          && options.budget().isPresent()
          && Duration.between(started, Instant.now()).compareTo(options.budget().get()) >= 0) {
        break;
      }
      rows.addAll(oneRun(options, run, out));
    }
    var outcome = new Outcome(rows);
    out.printf(
        "%s (in %d s)%n", outcome.closing(), Duration.between(started, Instant.now()).toSeconds());
    return outcome;
  }

  private static String header() {
    return "run   seed  %-18s %6s %6s  %s  took  fault"
        .formatted(
            "scenario",
            "orders",
            "faults",
            Stream.of(Invariant.values())
                .map(i -> "%-5s".formatted(i.name()))
                .collect(Collectors.joining()));
  }

  private static List<Row> oneRun(Options options, int run, PrintStream out) {
    long seed = options.seed() + run - 1;
    var rows = new ArrayList<Row>();
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory("orderpay-chaos-");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    out.printf("run %d (seed %d): starting a cluster in %s ...%n", run, seed, dataDir);
    long booting = System.nanoTime();
    var clusterOptions = ClusterOptions.throwAway(options.root(), dataDir, 2, CLUSTER_ENVIRONMENT);
    try (var cluster = Cluster.start(clusterOptions)) {
      out.printf(
          "run %d: cluster ready in %d s%n", run, (System.nanoTime() - booting) / 1_000_000_000L);
      out.println(header());
      var log = new RequestLog(); // one per run: the audit covers every scenario so far
      var reported = new HashSet<String>();
      for (var scenario : options.selected()) {
        var row = scenario(cluster, scenario, run, seed, log, reported);
        rows.add(row);
        out.println(row.line());
        for (var finding : row.findings()) {
          if (!finding.passed()) {
            out.printf("      %s FAIL %s:%n", finding.invariant(), finding.invariant().statement());
            finding.violations().stream()
                .limit(VIOLATIONS_SHOWN)
                .forEach(v -> out.printf("        %s: %s%n", v.id(), v.reason()));
            if (finding.violations().size() > VIOLATIONS_SHOWN) {
              out.printf(
                  "        ... and %d more (all in %s)%n",
                  finding.violations().size() - VIOLATIONS_SHOWN, dataDir.resolve("audit.txt"));
            }
          }
        }
        writeAudit(dataDir.resolve("audit.txt"), row);
      }
      log.writeTo(dataDir.resolve("requests.jsonl"));
    } catch (RuntimeException e) {
      out.printf("run %d: the cluster failed: %s%n", run, e);
      rows.add(
          new Row(
              run,
              seed,
              "(cluster)",
              0,
              new Injected(0, ""),
              List.of(),
              Optional.of(String.valueOf(e.getMessage())),
              new Phases(
                  Duration.ofNanos(System.nanoTime() - booting), Duration.ZERO, Duration.ZERO)));
    }
    if (rows.stream().allMatch(Row::passed)) {
      Folders.deleteQuietly(dataDir);
    } else {
      out.printf("run %d: logs and data kept in %s%n", run, dataDir);
    }
    return rows;
  }

  /** The seed of one scenario in one run: the same for the same run seed and name. */
  static long scenarioSeed(long runSeed, String name) {
    return Math.floorMod(runSeed * 1_000_003L + name.hashCode(), 1L << 40);
  }

  /** Until the load runs; a load that failed to start says why at once instead of after 90 s. */
  private static void awaitUnderWay(LoadDriver driver, FutureTask<?> load)
      throws InterruptedException {
    var deadline = Instant.now().plusSeconds(90);
    while (!driver.awaitUnderWay(Duration.ofMillis(250))) {
      if (load.isDone()) {
        try {
          load.get();
        } catch (ExecutionException failed) {
          throw new IllegalStateException(
              "the load could not start: " + failed.getCause(), failed.getCause());
        }
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("the load never got under way");
      }
    }
  }

  private static Row scenario(
      Cluster cluster,
      Scenario scenario,
      int run,
      long runSeed,
      RequestLog log,
      Set<String> reported) {
    long seed = scenarioSeed(runSeed, scenario.name());
    var random = new Random(seed);
    long begun = System.nanoTime();
    long ordersBefore = ordersPlaced(log);
    var admin = cluster.adminCredentials();
    var driver =
        new LoadDriver(
            new LoadDriver.Settings(
                cluster.gatewayUrl(),
                cluster.emulatorUrl(),
                admin.email(),
                admin.password(),
                seed,
                4,
                Integer.MAX_VALUE,
                3,
                300,
                8,
                3,
                Duration.ofSeconds(40),
                THINK_TIME),
            log);
    var load = new FutureTask<>(driver::run);
    Thread.ofPlatform().daemon().name("chaos-load-" + scenario.name()).start(load);
    Injected injected = new Injected(0, "");
    Optional<String> error = Optional.empty();
    Instant healed = Instant.now();
    long underWay = begun;
    long faulted = begun;
    try {
      awaitUnderWay(driver, load);
      underWay = System.nanoTime();
      // the fault lands somewhere in the middle of sagas, not at a fixed point
      Thread.sleep(1_000 + random.nextInt(3_000));
      injected = scenario.fault().inflict(cluster, random);
      healed = Instant.now();
      Thread.sleep(LOAD_AFTER_HEAL);
      faulted = System.nanoTime();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = Optional.of("interrupted");
    } catch (RuntimeException e) {
      error = Optional.of(e.toString());
      healEverything(cluster);
      healed = Instant.now();
      faulted = System.nanoTime();
    } finally {
      driver.stop();
    }
    try {
      load.get(2, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      error = error.or(() -> Optional.of("load: " + e.getCause()));
    } catch (TimeoutException e) {
      error = error.or(() -> Optional.of("the load did not stop within 2 minutes"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = error.or(() -> Optional.of("interrupted"));
    }
    var left = Duration.between(Instant.now(), healed.plus(SETTLE_AFTER_HEAL));
    AuditReport report;
    try {
      report = auditor(cluster, log).audit(left.isNegative() ? Duration.ZERO : left);
    } catch (RuntimeException e) {
      report = new AuditReport(List.of());
      error = error.or(() -> Optional.of("the audit could not read: " + e.getMessage()));
    }
    try {
      // a killed process may still be starting while the audit ran; the next scenario needs it
      cluster.awaitHealthy(RECOVERY_TIMEOUT);
    } catch (RuntimeException e) {
      error = error.or(() -> Optional.of("not healthy after the audit: " + e.getMessage()));
    }
    // the audit covers the whole run: report only what earlier scenarios had not broken already
    var findings =
        report.findings().stream()
            .map(
                f ->
                    new Finding(
                        f.invariant(),
                        f.violations().stream()
                            .filter(v -> reported.add(f.invariant() + "/" + v.id()))
                            .toList()))
            .toList();
    return new Row(
        run,
        runSeed,
        scenario.name(),
        ordersPlaced(log) - ordersBefore,
        injected,
        findings,
        error,
        new Phases(
            Duration.ofNanos(underWay - begun),
            Duration.ofNanos(Math.max(0, faulted - underWay)),
            Duration.ofNanos(System.nanoTime() - Math.max(faulted, underWay))));
  }

  private static long ordersPlaced(RequestLog log) {
    return log.exchanges().stream()
        .filter(e -> e.kind() == RequestLog.Kind.CREATE_ORDER && e.accepted())
        .map(RequestLog.Exchange::orderId)
        .distinct()
        .count();
  }

  static Auditor auditor(Cluster cluster, RequestLog log) {
    String ledger = cluster.emulatorUrl() + "/_emulator/ledger";
    return new Auditor(
        new Auditor.Sources(
            database(cluster, "order"),
            database(cluster, "payment"),
            database(cluster, "inventory"),
            database(cluster, "notification"),
            () -> StripeLedger.fetch(ledger),
            Mailbox.of(cluster.mail()::messages),
            log));
  }

  private static Auditor.Database database(Cluster cluster, String service) {
    return new Auditor.Database(
        cluster.jdbcUrl(service), cluster.databaseUser(), cluster.databasePassword());
  }

  // ---- the scenarios ----

  /** Every scenario, in the order a run goes through them. */
  public static List<Scenario> scenarios() {
    var all = new ArrayList<Scenario>();
    for (String service : killable()) {
      all.add(new Scenario("kill-" + service, (cluster, random) -> kill(cluster, random, service)));
    }
    all.add(new Scenario("kill-two", Chaos::killTwo));
    all.add(new Scenario("freeze", Chaos::freeze));
    all.add(new Scenario("kafka-down", Chaos::kafkaDown));
    all.add(new Scenario("postgres-down", Chaos::postgresDown));
    all.add(new Scenario("smtp-down", Chaos::smtpDown));
    all.add(new Scenario("stripe-faults", Chaos::stripeFaults));
    return List.copyOf(all);
  }

  private static List<String> killable() {
    return Stream.concat(Cluster.BACKENDS.stream(), Stream.of(Cluster.GATEWAY)).toList();
  }

  /**
   * {@code kill -9} of one replica mid-load; healed once the launcher has started its replacement,
   * as an orchestrator would (the audit does not wait for it to serve; the next scenario does).
   */
  private static Injected kill(Cluster cluster, Random random, String service)
      throws InterruptedException {
    int replica = 1 + random.nextInt(cluster.replicas(service));
    long pid = killNow(cluster, service, replica);
    awaitReplaced(cluster, service, replica, pid);
    return new Injected(1, "kill -9 %s#%d (pid %d)".formatted(service, replica, pid));
  }

  /** Two replicas of two different services killed at the same moment. */
  private static Injected killTwo(Cluster cluster, Random random) throws InterruptedException {
    var services = new ArrayList<>(killable());
    String first = services.remove(random.nextInt(services.size()));
    String second = services.get(random.nextInt(services.size()));
    int firstReplica = 1 + random.nextInt(cluster.replicas(first));
    int secondReplica = 1 + random.nextInt(cluster.replicas(second));
    long firstPid = killNow(cluster, first, firstReplica);
    long secondPid = killNow(cluster, second, secondReplica);
    awaitReplaced(cluster, first, firstReplica, firstPid);
    awaitReplaced(cluster, second, secondReplica, secondPid);
    return new Injected(
        2,
        "kill -9 %s#%d (pid %d) and %s#%d (pid %d)"
            .formatted(first, firstReplica, firstPid, second, secondReplica, secondPid));
  }

  /** SIGSTOP for 10-30 s, then SIGCONT: a long GC pause or a partition. */
  private static Injected freeze(Cluster cluster, Random random) throws InterruptedException {
    var services = killable();
    String service = services.get(random.nextInt(services.size()));
    int replica = 1 + random.nextInt(cluster.replicas(service));
    int seconds = 10 + random.nextInt(21);
    cluster.kill(service, replica, Signal.STOP);
    try {
      Thread.sleep(Duration.ofSeconds(seconds));
    } finally {
      cluster.kill(service, replica, Signal.CONT);
    }
    cluster.awaitHealthy(RECOVERY_TIMEOUT);
    return new Injected(1, "SIGSTOP %s#%d for %d s".formatted(service, replica, seconds));
  }

  /** The broker killed and kept down for 60 s (issue 8: at least 60 s), then restarted. */
  private static Injected kafkaDown(Cluster cluster, Random random) throws InterruptedException {
    int seconds = 60 + random.nextInt(6);
    cluster.stopKafka();
    try {
      Thread.sleep(Duration.ofSeconds(seconds));
    } finally {
      cluster.startKafka();
    }
    cluster.awaitHealthy(RECOVERY_TIMEOUT);
    return new Injected(1, "Kafka killed, restarted after %d s".formatted(seconds));
  }

  /** PostgreSQL stopped in immediate mode (crash recovery on start), restarted a few s later. */
  private static Injected postgresDown(Cluster cluster, Random random) throws InterruptedException {
    int seconds = 3 + random.nextInt(6);
    cluster.stopPostgres(true);
    try {
      Thread.sleep(Duration.ofSeconds(seconds));
    } finally {
      cluster.startPostgres();
    }
    cluster.awaitHealthy(RECOVERY_TIMEOUT);
    return new Injected(
        1, "PostgreSQL stopped (immediate), restarted after %d s".formatted(seconds));
  }

  /** The SMTP server down for 10-20 s: emails wait and are sent once, later. */
  private static Injected smtpDown(Cluster cluster, Random random) throws InterruptedException {
    int seconds = 10 + random.nextInt(11);
    cluster.mail().stop();
    try {
      Thread.sleep(Duration.ofSeconds(seconds));
    } finally {
      cluster.mail().start();
    }
    return new Injected(1, "SMTP down for %d s".formatted(seconds));
  }

  /**
   * Stripe misbehaving, in two phases: first webhooks duplicated, reordered and 2 s late while API
   * calls are answered 500 or charged with the answer lost; then webhooks dropped while every
   * answer comes after the payment service's 8 s read timeout. Counted: the API faults.
   */
  private static Injected stripeFaults(Cluster cluster, Random random) throws InterruptedException {
    var faults = cluster.emulator().faults();
    int before = faults.injectedApiFaults();
    int noisy = 8 + random.nextInt(5);
    int silent = 4 + random.nextInt(3);
    faults.seed(random.nextLong());
    try {
      faults.duplicate = true;
      faults.reorder = true;
      faults.delay = Duration.ofSeconds(2);
      faults.serverErrorRate(0.1);
      faults.lostAnswerRate(0.1);
      Thread.sleep(Duration.ofSeconds(noisy));
      faults.reset();
      faults.drop = true;
      faults.apiDelay = Duration.ofSeconds(9);
      Thread.sleep(Duration.ofSeconds(silent));
    } finally {
      faults.reset();
    }
    int injected = faults.injectedApiFaults() - before;
    return new Injected(
        injected,
        ("%d s of 500s, lost answers and duplicated/reordered/late webhooks, then %d s of dropped"
                + " webhooks and answers after the timeout")
            .formatted(noisy, silent));
  }

  private static long killNow(Cluster cluster, String service, int replica) {
    long pid = pidOf(cluster, service, replica);
    cluster.kill(service, replica, Signal.KILL);
    return pid;
  }

  private static long pidOf(Cluster cluster, String service, int replica) {
    return cluster
        .process(service, replica)
        .map(ClusterProcess::pid)
        .orElseThrow(() -> new IllegalStateException(service + "#" + replica + " is not running"));
  }

  /** Until the launcher has started a new process in place of the killed one. */
  private static void awaitReplaced(Cluster cluster, String service, int replica, long killed)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(RECOVERY_TIMEOUT);
    while (cluster
        .process(service, replica)
        .map(ClusterProcess::pid)
        .filter(pid -> pid != killed)
        .isEmpty()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            service + "#" + replica + " was not restarted within " + RECOVERY_TIMEOUT);
      }
      Thread.sleep(200);
    }
  }

  /** After a scenario that failed half-way: no fault may leak into the next one. */
  private static void healEverything(Cluster cluster) {
    cluster.emulator().faults().reset();
    cluster.mail().start();
    try {
      cluster.startPostgres();
      if (cluster.process(Cluster.KAFKA, 1).map(ClusterProcess::pid).isEmpty()) {
        cluster.startKafka();
      }
      for (String service : killable()) {
        for (int replica = 1; replica <= cluster.replicas(service); replica++) {
          if (cluster.process(service, replica).map(ClusterProcess::pid).isPresent()) {
            cluster.kill(service, replica, Signal.CONT);
          }
        }
      }
      cluster.awaitHealthy(RECOVERY_TIMEOUT);
    } catch (RuntimeException e) {
      // the audit and the next scenario will tell
    }
  }

  /** Every violation of a row, for whoever looks into a failed run. */
  private static void writeAudit(Path file, Row row) {
    var lines = new ArrayList<String>();
    lines.add(row.line());
    row.error().ifPresent(e -> lines.add("  error: " + e));
    for (var finding : row.findings()) {
      for (var violation : finding.violations()) {
        lines.add("  %s %s: %s".formatted(finding.invariant(), violation.id(), violation.reason()));
      }
    }
    try {
      Files.write(
          file,
          lines,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      // the rows on the console say it too
    }
  }
}
