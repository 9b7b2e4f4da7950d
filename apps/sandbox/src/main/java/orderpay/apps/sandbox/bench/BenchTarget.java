package orderpay.apps.sandbox.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import orderpay.apps.sandbox.Folders;
import orderpay.apps.sandbox.Sandbox;
import orderpay.apps.sandbox.SandboxSettings;
import orderpay.apps.sandbox.cluster.Cluster;
import orderpay.apps.sandbox.cluster.ClusterOptions;
import orderpay.apps.sandbox.cluster.ClusterProcess;
import orderpay.devstack.EmbeddedKafkaBroker;
import orderpay.devstack.EmbeddedPostgresServer;
import orderpay.devstack.FreePorts;
import orderpay.runtime.Env;
import orderpay.runtime.Lifecycle;

/**
 * The throw-away system a benchmark loads: every service in this JVM ({@code ./orderpay up}'s
 * shape) or every service its own process ({@code ./orderpay cluster}'s shape).
 */
public sealed interface BenchTarget extends AutoCloseable {

  /**
   * What the system under load is told: the bench is one loopback address standing in for many
   * customers, so the per-address limits that guard the public edge are lifted.
   */
  Map<String, String> ENVIRONMENT =
      Map.of(
          "ORDERPAY_LOG_LEVEL", "WARN",
          "GATEWAY_RATE_LIMIT_SIGN_UP", "1000000/1s",
          "GATEWAY_RATE_LIMIT_LOGIN", "1000000/1s",
          "GATEWAY_RATE_LIMIT_ORDERS", "1000000/1s",
          "GATEWAY_RATE_LIMIT_ORDERS_PER_ACCOUNT", "1000000/1s");

  String shape();

  String gatewayUrl();

  String adminEmail();

  String adminPassword();

  int postgresPort();

  /** The name of a service's database on {@link #postgresPort()}. */
  String database(String service);

  /** A connection to one database of the system's PostgreSQL (embedded: trusts loopback). */
  default Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + postgresPort() + "/" + database, "postgres", "");
  }

  /**
   * The JVMs whose CPU and memory the system costs (PostgreSQL's are found by its port), labelled
   * by what runs in them.
   */
  Map<String, Long> javaProcesses();

  @Override
  void close();

  static BenchTarget start(BenchOptions options) throws Exception {
    return options.cluster() ? ClusterShape.start(options.replicas()) : InProcess.start();
  }

  /**
   * A sandbox the caller started (tests share one PostgreSQL and Kafka per JVM), its databases
   * named {@code <databasePrefix>_<service>}; the caller closes it.
   */
  static BenchTarget inProcess(Sandbox sandbox, int postgresPort, String databasePrefix) {
    return new InProcess(() -> {}, sandbox, postgresPort, databasePrefix);
  }

  /** Every service in this JVM, on embedded PostgreSQL and Kafka. */
  record InProcess(AutoCloseable owner, Sandbox sandbox, int postgresPort, String databasePrefix)
      implements BenchTarget {
    static InProcess start() throws Exception {
      var lifecycle = new Lifecycle();
      try {
        var postgres =
            lifecycle.own(EmbeddedPostgresServer.start(Optional.empty(), FreePorts.next()));
        var kafka = lifecycle.own(EmbeddedKafkaBroker.start(null, FreePorts.next()));
        var settings =
            SandboxSettings.ephemeral(
                Files.createTempDirectory("orderpay-bench"), "admin@orderpay.local", "bench");
        var env = Env.system().with(Map.of("STRIPE_SECRET_KEY", "")).with(ENVIRONMENT);
        var sandbox =
            lifecycle.own(Sandbox.start(env, settings, postgres, kafka.bootstrapServers()));
        return new InProcess(lifecycle, sandbox, postgres.port(), "bench");
      } catch (Exception | Error e) {
        lifecycle.close();
        throw e;
      }
    }

    @Override
    public String shape() {
      return "sandbox";
    }

    @Override
    public String gatewayUrl() {
      return sandbox.gatewayUrl();
    }

    @Override
    public String adminEmail() {
      return sandbox.adminEmail();
    }

    @Override
    public String adminPassword() {
      return sandbox.adminPassword();
    }

    @Override
    public String database(String service) {
      return databasePrefix + "_" + service;
    }

    @Override
    public Map<String, Long> javaProcesses() {
      return Map.of("sandbox+load", ProcessHandle.current().pid());
    }

    @Override
    public void close() {
      try {
        owner.close();
      } catch (Exception e) {
        throw new IllegalStateException("the sandbox did not stop cleanly", e);
      }
    }
  }

  /** Every service its own process, {@code replicas} of the replicated ones. */
  record ClusterShape(Cluster cluster, Path dataDir) implements BenchTarget {
    static ClusterShape start(int replicas) throws Exception {
      Path dataDir = Files.createTempDirectory("orderpay-bench-cluster");
      var options =
          ClusterOptions.throwAway(ClusterOptions.findRoot(), dataDir, replicas, ENVIRONMENT);
      return new ClusterShape(Cluster.start(options), dataDir);
    }

    @Override
    public String shape() {
      return "cluster";
    }

    @Override
    public String gatewayUrl() {
      return cluster.gatewayUrl();
    }

    @Override
    public String adminEmail() {
      return cluster.adminCredentials().email();
    }

    @Override
    public String adminPassword() {
      return cluster.adminCredentials().password();
    }

    @Override
    public int postgresPort() {
      return cluster.ports().postgres();
    }

    @Override
    public String database(String service) {
      String url = cluster.jdbcUrl(service);
      return url.substring(url.lastIndexOf('/') + 1);
    }

    @Override
    public Map<String, Long> javaProcesses() {
      var pids = new TreeMap<String, Long>();
      for (ClusterProcess process : cluster.processes()) {
        if (process.running()
            && process.hostedBy() == null
            && !process.service().equals(Cluster.POSTGRES)) {
          String label =
              process.service().equals("launcher")
                  ? "launcher+emulator+smtp+load"
                  : process.service() + "#" + process.replica();
          pids.put(label, process.pid());
        }
      }
      return pids;
    }

    @Override
    public void close() {
      try {
        cluster.close();
      } finally {
        Folders.deleteQuietly(dataDir);
      }
    }
  }
}
