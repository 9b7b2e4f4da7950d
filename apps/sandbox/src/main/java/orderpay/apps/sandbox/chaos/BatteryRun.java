package orderpay.apps.sandbox.chaos;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import orderpay.apps.sandbox.Folders;
import orderpay.apps.sandbox.chaos.Chaos.Injected;
import orderpay.apps.sandbox.chaos.Chaos.Options;
import orderpay.apps.sandbox.chaos.Chaos.Phases;
import orderpay.apps.sandbox.chaos.Chaos.Row;
import orderpay.apps.sandbox.cluster.Cluster;
import orderpay.apps.sandbox.cluster.ClusterOptions;

/**
 * One run of the battery: a fresh cluster in a folder of its own, every selected scenario on it in
 * turn, one request log for all of them. The folder is deleted when every row passed, else kept
 * with the logs, {@code audit.txt} and {@code requests.jsonl}.
 */
final class BatteryRun {
  private BatteryRun() {}

  /** Run {@code run} (from 1) uses the seed {@code options.seed() + run - 1}. */
  static List<Row> run(Options options, int run, PrintStream out) {
    long seed = options.seed() + run - 1;
    var rows = new ArrayList<Row>();
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory("orderpay-chaos-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.printf("run %d (seed %d): starting a cluster in %s ...%n", run, seed, dataDir);
    long booting = System.nanoTime();
    var clusterOptions =
        ClusterOptions.throwAway(options.root(), dataDir, 2, Chaos.CLUSTER_ENVIRONMENT);
    try (var cluster = Cluster.start(clusterOptions)) {
      out.printf(
          "run %d: cluster ready in %d s%n", run, (System.nanoTime() - booting) / 1_000_000_000L);
      out.println(ResultsTable.header());
      var log = new RequestLog(); // one per run: the audit covers every scenario so far
      var runner = new ScenarioRunner(cluster, run, seed, log, new HashSet<>());
      Path auditFile = dataDir.resolve("audit.txt");
      for (var scenario : options.selected()) {
        var row = runner.run(scenario);
        rows.add(row);
        ResultsTable.print(out, row, auditFile);
        ResultsTable.appendToAudit(auditFile, row);
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
}
