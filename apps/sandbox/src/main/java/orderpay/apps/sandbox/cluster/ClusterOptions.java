package orderpay.apps.sandbox.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import orderpay.devstack.EmbeddedMailCatcher;
import orderpay.runtime.Env;

/**
 * How to start a cluster. {@code root} is the repository, where {@code apps/<service>/target} holds
 * the runnable jars; {@code environment} is added to every process's (and read for the same
 * variables {@code ./orderpay up} reads); {@code freePorts} picks every port freely (tests), else
 * the fixed defaults of {@code ./orderpay up} apply; {@code mailKeptInMemory} is how many of the
 * newest messages the mail catcher keeps in memory.
 */
public record ClusterOptions(
    Path root,
    Path dataDir,
    int replicas,
    boolean fresh,
    boolean freePorts,
    String serviceHeap,
    Duration startTimeout,
    Map<String, String> environment,
    int mailKeptInMemory) {

  /**
   * The newest messages the launcher's mail catcher keeps in memory for {@code ./orderpay cluster}
   * (every one is in the mail folder): the launcher runs in a 256 MiB heap.
   */
  public static final int MAIL_KEPT_IN_MEMORY = 1_000;

  public ClusterOptions {
    if (replicas < 1 || replicas > 9) {
      throw new IllegalArgumentException("replicas must be between 1 and 9, got " + replicas);
    }
    environment = Map.copyOf(environment);
  }

  /** The file a service replica (or {@code kafka}) writes its output to. */
  public Path logFile(String service, int replica) {
    return dataDir.resolve("logs").resolve(service + "-" + replica + ".log");
  }

  /** {@code ./orderpay cluster [--fresh] [--replicas N]}, run from the repository. */
  public static ClusterOptions fromCommandLine(Env env, List<String> args) {
    int replicas = env.integer("ORDERPAY_REPLICAS", 2);
    int at = args.indexOf("--replicas");
    if (at >= 0) {
      if (at + 1 >= args.size() || !args.get(at + 1).matches("\\d+")) {
        throw new IllegalArgumentException("--replicas needs a number, e.g. --replicas 3");
      }
      replicas = Integer.parseInt(args.get(at + 1));
    }
    return new ClusterOptions(
        Path.of("").toAbsolutePath(),
        Path.of(env.get("ORDERPAY_DATA_DIR", ".orderpay-data")).toAbsolutePath(),
        replicas,
        args.contains("--fresh"),
        false,
        env.get("ORDERPAY_SERVICE_HEAP", "128m"),
        env.duration("ORDERPAY_CLUSTER_START_TIMEOUT", Duration.ofMinutes(4)),
        Map.of(),
        MAIL_KEPT_IN_MEMORY);
  }

  /**
   * A throw-away cluster on free ports in {@code dataDir}, for tests and chaos runs: its mail
   * catcher keeps every message, the fault battery's audit reads them all back.
   */
  public static ClusterOptions throwAway(
      Path root, Path dataDir, int replicas, Map<String, String> environment) {
    return new ClusterOptions(
        root,
        dataDir,
        replicas,
        false,
        true,
        "128m",
        Duration.ofMinutes(4),
        environment,
        EmbeddedMailCatcher.KEEP_ALL);
  }

  /** The repository that holds {@code apps/pom.xml}, looking upwards from the working directory. */
  public static Path findRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("apps/pom.xml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("not inside the OrderPay repository (no apps/pom.xml above)");
  }
}
