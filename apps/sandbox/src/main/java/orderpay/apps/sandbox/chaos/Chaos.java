package orderpay.apps.sandbox.chaos;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import orderpay.apps.sandbox.CommandLine;
import orderpay.apps.sandbox.cluster.Cluster;
import orderpay.apps.sandbox.cluster.ClusterOptions;

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
    Options options =
        CommandLine.parseOrExit(() -> Options.parse(List.of(args), ClusterOptions.findRoot()));
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
      rows.addAll(BatteryRun.run(options, run, out));
    }
    var outcome = new Outcome(rows);
    out.printf(
        "%s (in %d s)%n", outcome.closing(), Duration.between(started, Instant.now()).toSeconds());
    return outcome;
  }

  /** Every scenario, in the order a run goes through them. */
  public static List<Scenario> scenarios() {
    return ScenarioCatalogue.all();
  }
}
