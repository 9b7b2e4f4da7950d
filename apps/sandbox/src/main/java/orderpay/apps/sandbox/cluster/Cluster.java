package orderpay.apps.sandbox.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import orderpay.apps.sandbox.Folders;
import orderpay.apps.stripe.StripeEmulator;
import orderpay.devstack.EmbeddedMailCatcher;
import orderpay.runtime.Env;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OrderPay as it is deployed, on one machine: every service a process of its own ({@code java -jar
 * apps/<service>/target/<service>.jar}), order, payment, inventory and notification as several
 * replicas, the Kafka broker in its own JVM, PostgreSQL's own processes; the Stripe emulator and
 * the SMTP catcher live in this (the launcher's) JVM. Like an orchestrator it restarts whatever
 * dies after a short delay, on the same ports, and keeps {@code cluster.json} in the data folder up
 * to date so outside tools can kill, freeze or inspect any process.
 */
public final class Cluster implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Cluster.class);

  /** Start order: what the others call comes first (order calls product, inventory, payment). */
  public static final List<String> BACKENDS =
      List.of("user", "product", "inventory", "payment", "notification", "order");

  /** Run as N replicas; user and product stay single (cheap reads, and one JWT key writer). */
  public static final Set<String> REPLICATED =
      Set.of("inventory", "payment", "notification", "order");

  public static final String GATEWAY = "gateway";
  public static final String KAFKA = "kafka";
  public static final String POSTGRES = "postgres";

  private static final Duration STOP_GRACE = Duration.ofSeconds(20);

  private final ClusterOptions options;
  private final Env base;
  private final ClusterPorts ports;
  private final ClusterEnvironment environment = new ClusterEnvironment();
  private final LaunchGate gate = new LaunchGate();
  private final ScheduledExecutorService restarts =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("cluster-supervisor").daemon().factory());
  private final ClusterFile clusterFile;
  private final Readiness readiness;
  private final ChildProcessFactory factory;
  private final Infrastructure infrastructure;
  private final ProcessTable table;

  /** Wires the parts together; nothing runs yet. */
  private Cluster(ClusterOptions options) {
    this.options = options;
    this.base = Env.system().with(options.environment());
    var replicas = new LinkedHashMap<String, Integer>();
    BACKENDS.forEach(s -> replicas.put(s, REPLICATED.contains(s) ? options.replicas() : 1));
    this.ports =
        options.freePorts() ? ClusterPorts.free(replicas) : ClusterPorts.fromEnv(base, replicas);
    this.clusterFile = new ClusterFile(options.dataDir(), this::processes);
    this.readiness = new Readiness(ports, environment::launcherCredentials, gate);
    var supervision = new Supervision(gate, restarts, clusterFile);
    var supervisor = new Supervisor(supervision, readiness, options.startTimeout());
    this.factory = new ChildProcessFactory(options, ports, supervisor::exited);
    this.infrastructure = new Infrastructure(options, ports, supervisor, factory.kafka());
    this.table = new ProcessTable(infrastructure.kafka());
  }

  /** Starts everything and returns once every process is up and the gateway is ready. */
  public static Cluster start(ClusterOptions options) {
    try {
      ClusterFile.stopLeftovers(options.dataDir()); // before --fresh empties the folder
      if (options.fresh()) {
        Folders.deleteRecursively(options.dataDir());
      }
      Files.createDirectories(options.dataDir().resolve("logs"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var cluster = new Cluster(options);
    // Ctrl-C while starting must not leave PostgreSQL (a session of its own) or Kafka behind
    var abort = new Thread(cluster::close, "cluster-start-aborted");
    Runtime.getRuntime().addShutdownHook(abort);
    try {
      cluster.boot();
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(abort);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it stops what was started
      }
    }
  }

  private void boot() {
    infrastructure.start(base, environment);
    environment.addServiceTargets(base, ports);
    factory.services(environment.variables()).forEach(table::add);
    // first replicas first: each migrates its database once, then the rest join it
    var firsts = BACKENDS.stream().map(s -> table.replicasOf(s).getFirst()).toList();
    var rest = table.services().stream().filter(c -> !firsts.contains(c)).toList();
    for (var wave : List.of(firsts, rest)) {
      wave.forEach(gate::launch);
      clusterFile.write();
      readiness.awaitReady(wave, options.startTimeout());
    }
    log.info("cluster ready: {} processes, gateway {}", processes().size(), gatewayUrl());
  }

  // ---- the API a test or a chaos driver uses ----

  /** Every process, as {@code cluster.json} lists it (a fresh snapshot). */
  public List<ClusterProcess> processes() {
    var all = new ArrayList<ClusterProcess>();
    all.add(infrastructure.postgres().describe());
    all.addAll(table.describe());
    if (!gate.isShut()) { // what runs inside the launcher is going away with it
      all.addAll(infrastructure.describeInLauncher());
    }
    return all;
  }

  public Optional<ClusterProcess> process(String service, int replica) {
    return processes().stream()
        .filter(p -> p.service().equals(service) && p.replica() == replica)
        .findFirst();
  }

  /** How many replicas a service runs. */
  public int replicas(String service) {
    return table.replicas(service);
  }

  public String gatewayUrl() {
    return ports.gatewayUrl();
  }

  public Path clusterFile() {
    return clusterFile.path();
  }

  public Path dataDir() {
    return options.dataDir();
  }

  /** The file a service replica (or {@code kafka}) writes its output to. */
  public Path logFile(String service, int replica) {
    return options.logFile(service, replica);
  }

  public record AdminCredentials(String email, String password) {
    @Override
    public String toString() {
      return "AdminCredentials[" + email + "]";
    }
  }

  public AdminCredentials adminCredentials() {
    return environment.adminCredentials();
  }

  /** A service's database: {@code user}, {@code order}, ... */
  public String jdbcUrl(String service) {
    return Optional.ofNullable(environment.of(service, "DB_URL"))
        .orElseThrow(() -> new IllegalArgumentException("no database for " + service));
  }

  public String databaseUser() {
    return environment.get("USER_DB_USER");
  }

  public String databasePassword() {
    return environment.get("USER_DB_PASSWORD");
  }

  public String kafkaBootstrap() {
    return ports.kafkaBootstrap();
  }

  /** The gRPC target of a service: every replica, as the services themselves are given it. */
  public String target(String service) {
    return environment.of(service, "SERVICE_TARGET");
  }

  public String emulatorUrl() {
    return infrastructure.emulator().apiBase();
  }

  /** The emulator itself, in this JVM: its fault switches and helpers. */
  public StripeEmulator emulator() {
    return infrastructure.emulator();
  }

  /** The SMTP catcher, in this JVM: what was sent, and stop()/start() for an outage. */
  public EmbeddedMailCatcher mail() {
    return infrastructure.mail();
  }

  public ClusterPorts ports() {
    return ports;
  }

  /**
   * Where a backend replica serves {@code GET /metrics}: beside its gRPC port; empty when the
   * cluster picks free ports (then any free one).
   */
  public Optional<Integer> adminPort(String service, int replica) {
    return factory.adminPort(service, replica);
  }

  // ---- faults ----

  /**
   * Sends a signal to a process: {@code KILL} is a crash the cluster restarts from, {@code STOP}
   * freezes it until {@code CONT}. For {@code postgres} it goes to the postmaster.
   */
  public void kill(String service, int replica, Signal signal) {
    if (service.equals(POSTGRES)) {
      infrastructure.postgres().signal(signal);
      return;
    }
    table.require(service, replica).signal(signal);
  }

  /** Stops a process (SIGKILL) and keeps it down until {@link #start(String, int)}. */
  public void stop(String service, int replica) {
    table.require(service, replica).stopAbruptly();
    clusterFile.write();
  }

  /** Starts a process that was stopped; it is supervised again. */
  public void start(String service, int replica) {
    gate.launch(table.require(service, replica));
    clusterFile.write();
  }

  /** The broker killed (SIGKILL), down until {@link #startKafka()}; its log is kept. */
  public void stopKafka() {
    stop(KAFKA, 1);
  }

  public void startKafka() {
    start(KAFKA, 1);
  }

  /**
   * Stops PostgreSQL and keeps it down until {@link #startPostgres()}: {@code immediate} is
   * PostgreSQL's immediate mode (no checkpoint; crash recovery on the next start), else fast mode.
   */
  public void stopPostgres(boolean immediate) {
    infrastructure.postgres().stop(immediate);
  }

  public void startPostgres() {
    infrastructure.postgres().start();
  }

  /** Waits until every process is running and serving (after faults, before checking). */
  public void awaitHealthy(Duration timeout) {
    readiness.awaitKafka(infrastructure.kafka(), timeout);
    readiness.awaitReady(table.services(), timeout);
  }

  // ---- stopping ----

  /** Stops the services (gateway first), then Kafka, the emulator, the mail catcher, PostgreSQL. */
  @Override
  public void close() {
    if (!gate.shut()) {
      return;
    }
    log.info("stopping the cluster: services, then Kafka, the emulator, mail, PostgreSQL");
    table.stopServices(STOP_GRACE);
    infrastructure.stop(STOP_GRACE);
    restarts.shutdownNow();
    clusterFile.writeQuietly();
    log.info("cluster stopped");
  }
}
