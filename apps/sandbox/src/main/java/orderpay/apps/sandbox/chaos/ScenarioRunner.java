package orderpay.apps.sandbox.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import orderpay.apps.sandbox.chaos.Chaos.Injected;
import orderpay.apps.sandbox.chaos.Chaos.Phases;
import orderpay.apps.sandbox.chaos.Chaos.Row;
import orderpay.apps.sandbox.chaos.Chaos.Scenario;
import orderpay.apps.sandbox.cluster.Cluster;

/**
 * One scenario on a running cluster: a steady seeded load, the fault at a random moment while it
 * runs, healed, the load stopped, then the audit once the system is quiet (at most 60 s after the
 * fault healed). The request log and what was reported already span the whole run.
 */
final class ScenarioRunner {
  /** I3: every accepted order terminal within this long after the faults heal. */
  static final Duration SETTLE_AFTER_HEAL = Duration.ofSeconds(60);

  private static final Duration LOAD_AFTER_HEAL = Duration.ofSeconds(2);

  /** Between one customer's actions: a light load leaves the two cores to the restarts. */
  private static final Duration THINK_TIME = Duration.ofMillis(300);

  private final Cluster cluster;
  private final int run;
  private final long runSeed;
  private final RequestLog log;
  private final Set<String> reported;

  ScenarioRunner(Cluster cluster, int run, long runSeed, RequestLog log, Set<String> reported) {
    this.cluster = cluster;
    this.run = run;
    this.runSeed = runSeed;
    this.log = log;
    this.reported = reported;
  }

  /** What the fault phase did, when it healed and when each phase ended (System.nanoTime). */
  private record FaultPhase(
      Injected injected, Optional<String> error, Instant healed, long underWay, long faulted) {}

  Row run(Scenario scenario) {
    long seed = scenarioSeed(runSeed, scenario.name());
    long begun = System.nanoTime();
    long ordersBefore = ordersPlaced(log);
    var driver = new LoadDriver(loadSettings(seed), log);
    var load = new FutureTask<>(driver::run);
    Thread.ofPlatform().daemon().name("chaos-load-" + scenario.name()).start(load);
    FaultPhase fault;
    try {
      fault = inflict(scenario, new Random(seed), driver, load, begun);
    } finally {
      driver.stop();
    }
    var loadEnded = awaitStopped(load); // always waited for, whatever went wrong before
    var error = fault.error().or(() -> loadEnded);
    var left = Duration.between(Instant.now(), fault.healed().plus(SETTLE_AFTER_HEAL));
    AuditReport report;
    try {
      report = auditor(cluster, log).audit(left.isNegative() ? Duration.ZERO : left);
    } catch (RuntimeException e) {
      report = new AuditReport(List.of());
      error = error.or(() -> Optional.of("the audit could not read: " + e.getMessage()));
    }
    try {
      // a killed process may still be starting while the audit ran; the next scenario needs it
      cluster.awaitHealthy(ScenarioCatalogue.RECOVERY_TIMEOUT);
    } catch (RuntimeException e) {
      error = error.or(() -> Optional.of("not healthy after the audit: " + e.getMessage()));
    }
    long underWay = fault.underWay();
    long faulted = fault.faulted();
    return new Row(
        run,
        runSeed,
        scenario.name(),
        ordersPlaced(log) - ordersBefore,
        fault.injected(),
        newFindings(report),
        error,
        new Phases(
            Duration.ofNanos(underWay - begun),
            Duration.ofNanos(Math.max(0, faulted - underWay)),
            Duration.ofNanos(System.nanoTime() - Math.max(faulted, underWay))));
  }

  private LoadDriver.Settings loadSettings(long seed) {
    var admin = cluster.adminCredentials();
    return new LoadDriver.Settings(
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
        THINK_TIME);
  }

  private FaultPhase inflict(
      Scenario scenario, Random random, LoadDriver driver, FutureTask<?> load, long begun) {
    Injected injected = new Injected(0, "");
    Instant healed = Instant.now();
    long underWay = begun;
    try {
      awaitUnderWay(driver, load);
      underWay = System.nanoTime();
      // the fault lands somewhere in the middle of sagas, not at a fixed point
      Thread.sleep(1_000 + random.nextInt(3_000));
      injected = scenario.fault().inflict(cluster, random);
      healed = Instant.now();
      Thread.sleep(LOAD_AFTER_HEAL);
      return new FaultPhase(injected, Optional.empty(), healed, underWay, System.nanoTime());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new FaultPhase(injected, Optional.of("interrupted"), healed, underWay, begun);
    } catch (RuntimeException e) {
      ScenarioCatalogue.healEverything(cluster);
      return new FaultPhase(
          injected, Optional.of(e.toString()), Instant.now(), underWay, System.nanoTime());
    }
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

  /** Why the load did not end well once asked to stop, if it did not. */
  private static Optional<String> awaitStopped(FutureTask<?> load) {
    try {
      load.get(2, TimeUnit.MINUTES);
      return Optional.empty();
    } catch (ExecutionException e) {
      return Optional.of("load: " + e.getCause());
    } catch (TimeoutException e) {
      return Optional.of("the load did not stop within 2 minutes");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
  }

  /** The audit covers the whole run: only what earlier scenarios had not broken already. */
  private List<Finding> newFindings(AuditReport report) {
    return report.findings().stream()
        .map(
            f ->
                new Finding(
                    f.invariant(),
                    f.violations().stream()
                        .filter(v -> reported.add(f.invariant() + "/" + v.id()))
                        .toList()))
        .toList();
  }

  /** The seed of one scenario in one run: the same for the same run seed and name. */
  static long scenarioSeed(long runSeed, String name) {
    return Math.floorMod(runSeed * 1_000_003L + name.hashCode(), 1L << 40);
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
}
