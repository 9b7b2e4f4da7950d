package orderpay.apps.sandbox.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import orderpay.adapters.embedded.EmbeddedMailCatcher;
import orderpay.adapters.embedded.EmbeddedPostgresServer;
import orderpay.adapters.grpc.GrpcChannels;
import orderpay.adapters.grpc.auth.Callers;
import orderpay.adapters.grpc.auth.ServiceCredentials;
import orderpay.adapters.grpc.auth.ServiceKey;
import orderpay.adapters.kafka.KafkaSettings;
import orderpay.adapters.kafka.KafkaTopics;
import orderpay.adapters.runtime.Env;
import orderpay.apps.kit.ServiceSettings;
import orderpay.apps.sandbox.Sandbox;
import orderpay.apps.sandbox.SandboxSettings;
import orderpay.apps.stripe.Faults;
import orderpay.apps.stripe.StripeEmulator;
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
  private static final String CLUSTER_MARK = "-Dorderpay.cluster=";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final ClusterOptions options;
  private final Path clusterFile;
  private final ScheduledExecutorService supervisor =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("cluster-supervisor").daemon().factory());
  private final Map<String, List<ChildProcess>> services = new LinkedHashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private ClusterPorts ports;
  private ChildProcess kafka;
  private EmbeddedPostgresServer postgres;
  private boolean postgresWanted;
  private int postgresRestarts;
  private EmbeddedMailCatcher mail;
  private StripeEmulator emulator;
  private final Map<String, String> shared = new HashMap<>();
  private volatile boolean closing;

  private Cluster(ClusterOptions options) {
    this.options = options;
    this.clusterFile = options.dataDir().resolve("cluster.json");
  }

  /** Starts everything and returns once every process is up and the gateway is ready. */
  public static Cluster start(ClusterOptions options) {
    var cluster = new Cluster(options);
    // Ctrl-C while starting must not leave PostgreSQL (a session of its own) or Kafka behind
    var abort = new Thread(cluster::close, "cluster-start-aborted");
    Runtime.getRuntime().addShutdownHook(abort);
    try {
      cluster.boot();
      return cluster;
    } catch (IOException e) {
      cluster.close();
      throw new UncheckedIOException(e);
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

  private void boot() throws IOException {
    stopLeftovers(); // before --fresh empties the folder they may still be using
    if (options.fresh()) {
      deleteRecursively(options.dataDir());
    }
    Files.createDirectories(options.dataDir().resolve("logs"));
    var replicas = new LinkedHashMap<String, Integer>();
    BACKENDS.forEach(s -> replicas.put(s, REPLICATED.contains(s) ? options.replicas() : 1));
    Env base = Env.system().with(options.environment());
    ports =
        options.freePorts() ? ClusterPorts.free(replicas) : ClusterPorts.fromEnv(base, replicas);

    kafka = kafkaProcess();
    launch(kafka);
    startPostgres();
    writeClusterFile();
    awaitKafka(options.startTimeout());

    var settings =
        new SandboxSettings(
            options.dataDir(),
            ports.postgres(),
            ports.kafka(),
            ports.grpc("user", 1),
            ports.grpc("product", 1),
            ports.grpc("inventory", 1),
            ports.grpc("order", 1),
            ports.grpc("payment", 1),
            ports.grpc("notification", 1),
            ports.smtp(),
            ports.stripeEmulator(),
            ports.gateway(),
            base.get("ORDERPAY_ADMIN_EMAIL", "admin@orderpay.local"),
            "orderpay");
    // the cluster talks to its own emulator only, whatever the machine's environment says
    shared.putAll(
        Sandbox.sharedVariables(
            base.with(Map.of("STRIPE_SECRET_KEY", "")), settings, postgres, kafkaBootstrap()));
    KafkaTopics.ensureExist(
        KafkaSettings.fromEnv(base.with(shared)), orderpay.apps.sandbox.Sandbox.TOPIC_PARTITIONS);
    mail = EmbeddedMailCatcher.start(ports.smtp(), Optional.of(options.dataDir().resolve("mail")));
    emulator =
        StripeEmulator.start(
            "127.0.0.1",
            ports.stripeEmulator(),
            gatewayUrl() + "/api/v1/webhooks/stripe",
            shared.get("STRIPE_WEBHOOK_SECRET"),
            Faults.fromEnv(base));
    shared.put("STRIPE_SECRET_KEY", "sk_test_" + randomHex(16));
    shared.put("STRIPE_API_BASE", emulator.apiBase());
    shared.put("SMTP_HOST", "127.0.0.1");
    shared.put("SMTP_PORT", Integer.toString(mail.port()));
    shared.put("GATEWAY_HOST", "127.0.0.1");
    shared.put("GATEWAY_PORT", Integer.toString(ports.gateway()));
    int processCount = replicas.values().stream().mapToInt(Integer::intValue).sum();
    for (String service : BACKENDS) {
      String pool = service.toUpperCase(Locale.ROOT) + "_DB_POOL_SIZE";
      if (base.optional(pool).isEmpty()) {
        // every replica has a pool of its own: together they stay under the server's 300
        shared.put(pool, Integer.toString(Math.clamp(270 / processCount, 2, 8)));
      }
      shared.put(
          service.toUpperCase(Locale.ROOT) + "_SERVICE_TARGET",
          ports.grpc().get(service).stream()
              .map(port -> "127.0.0.1:" + port)
              .collect(Collectors.joining(",")));
    }

    for (String service : BACKENDS) {
      var list = new ArrayList<ChildProcess>();
      for (int replica = 1; replica <= replicas.get(service); replica++) {
        list.add(serviceProcess(service, replica));
      }
      services.put(service, list);
    }
    services.put(GATEWAY, List.of(gatewayProcess()));

    // first replicas first: each migrates its database once, then the rest join it
    var firsts = BACKENDS.stream().map(s -> services.get(s).getFirst()).toList();
    firsts.forEach(this::launch);
    writeClusterFile();
    awaitReady(firsts, options.startTimeout());
    var rest = allServiceProcesses().stream().filter(c -> !firsts.contains(c)).toList();
    rest.forEach(this::launch);
    writeClusterFile();
    awaitReady(rest, options.startTimeout());
    log.info("cluster ready: {} processes, gateway {}", processes().size(), gatewayUrl());
  }

  // ---- the API a test or a chaos driver uses ----

  /** Every process, as {@code cluster.json} lists it (a fresh snapshot). */
  public synchronized List<ClusterProcess> processes() {
    var all = new ArrayList<ClusterProcess>();
    long launcher = ProcessHandle.current().pid();
    all.add(
        ClusterProcess.of(
            POSTGRES,
            1,
            postmasterPid(),
            ClusterProcess.PortKind.OTHER,
            ports.postgres(),
            "postgresql://127.0.0.1:" + ports.postgres(),
            postgresRestarts,
            null));
    if (kafka != null) {
      all.add(kafka.describe());
    }
    services.values().forEach(list -> list.forEach(c -> all.add(c.describe())));
    if (closing) {
      return all; // what runs inside the launcher is going away with it
    }
    if (emulator != null) {
      all.add(
          ClusterProcess.of(
              "stripe-emulator",
              1,
              OptionalLong.of(launcher),
              ClusterProcess.PortKind.HTTP,
              ports.stripeEmulator(),
              emulator.apiBase(),
              0,
              "launcher"));
    }
    if (mail != null) {
      all.add(
          ClusterProcess.of(
              "smtp",
              1,
              OptionalLong.of(launcher),
              ClusterProcess.PortKind.OTHER,
              mail.port(),
              "smtp://127.0.0.1:" + mail.port(),
              0,
              "launcher"));
    }
    all.add(
        ClusterProcess.of(
            "launcher",
            1,
            OptionalLong.of(launcher),
            ClusterProcess.PortKind.OTHER,
            0,
            null,
            0,
            null));
    return all;
  }

  public Optional<ClusterProcess> process(String service, int replica) {
    return processes().stream()
        .filter(p -> p.service().equals(service) && p.replica() == replica)
        .findFirst();
  }

  /** How many replicas a service runs. */
  public int replicas(String service) {
    return service.equals(KAFKA) ? 1 : services.getOrDefault(service, List.of()).size();
  }

  public String gatewayUrl() {
    return "http://127.0.0.1:" + ports.gateway();
  }

  public Path clusterFile() {
    return clusterFile;
  }

  public Path dataDir() {
    return options.dataDir();
  }

  /** The file a service replica (or {@code kafka}) writes its output to. */
  public Path logFile(String service, int replica) {
    return options.dataDir().resolve("logs").resolve(service + "-" + replica + ".log");
  }

  public record AdminCredentials(String email, String password) {
    @Override
    public String toString() {
      return "AdminCredentials[" + email + "]";
    }
  }

  public AdminCredentials adminCredentials() {
    return new AdminCredentials(
        shared.get("ORDERPAY_ADMIN_EMAIL"), shared.get("ORDERPAY_ADMIN_PASSWORD"));
  }

  /** A service's database: {@code user}, {@code order}, ... */
  public String jdbcUrl(String service) {
    return Optional.ofNullable(shared.get(service.toUpperCase(Locale.ROOT) + "_DB_URL"))
        .orElseThrow(() -> new IllegalArgumentException("no database for " + service));
  }

  public String databaseUser() {
    return shared.get("USER_DB_USER");
  }

  public String databasePassword() {
    return shared.get("USER_DB_PASSWORD");
  }

  public String kafkaBootstrap() {
    return "127.0.0.1:" + ports.kafka();
  }

  /** The gRPC target of a service: every replica, as the services themselves are given it. */
  public String target(String service) {
    return shared.get(service.toUpperCase(Locale.ROOT) + "_SERVICE_TARGET");
  }

  public String emulatorUrl() {
    return emulator.apiBase();
  }

  /** The emulator itself, in this JVM: its fault switches and helpers. */
  public StripeEmulator emulator() {
    return emulator;
  }

  /** The SMTP catcher, in this JVM: what was sent, and stop()/start() for an outage. */
  public EmbeddedMailCatcher mail() {
    return mail;
  }

  public ClusterPorts ports() {
    return ports;
  }

  /**
   * Where a backend replica serves {@code GET /metrics}: beside its gRPC port; empty when the
   * cluster picks free ports (then any free one).
   */
  public Optional<Integer> adminPort(String service, int replica) {
    return options.freePorts()
        ? Optional.empty()
        : Optional.of(ServiceSettings.defaultAdminPort(ports.grpc(service, replica)));
  }

  /**
   * Sends a signal to a process: {@code KILL} is a crash the cluster restarts from, {@code STOP}
   * freezes it until {@code CONT}. For {@code postgres} it goes to the postmaster.
   */
  public void kill(String service, int replica, Signal signal) {
    if (service.equals(POSTGRES)) {
      signal.send(
          postmasterPid().orElseThrow(() -> new IllegalStateException("PostgreSQL is down")));
      return;
    }
    requireChild(service, replica).signal(signal);
  }

  /** Stops a process (SIGKILL) and keeps it down until {@link #start(String, int)}. */
  public void stop(String service, int replica) {
    requireChild(service, replica).stopAbruptly();
    writeClusterFile();
  }

  /** Starts a process that was stopped; it is supervised again. */
  public void start(String service, int replica) {
    launch(requireChild(service, replica));
    writeClusterFile();
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
    OptionalLong pid;
    synchronized (this) {
      postgresWanted = false;
      pid = postmasterPid();
    }
    pid.ifPresent(
        p -> {
          (immediate ? Signal.QUIT : Signal.INT).send(p);
          ProcessHandle.of(p).ifPresent(h -> awaitExit(h, Duration.ofSeconds(30)));
        });
    synchronized (this) {
      closeQuietly(postgres);
      postgres = null;
    }
    writeClusterFile();
  }

  public void startPostgres() {
    synchronized (this) {
      if (postgres != null) {
        return;
      }
      postgres =
          EmbeddedPostgresServer.start(
              Optional.of(options.dataDir().resolve("postgres")), ports.postgres());
      postgresWanted = true;
      var current = postgres;
      postmasterPid().stream()
          .mapToObj(ProcessHandle::of)
          .flatMap(Optional::stream)
          .forEach(
              postmaster ->
                  postmaster
                      .onExit()
                      .thenRun(() -> supervisor.execute(() -> postgresExited(current))));
    }
    writeClusterFile();
  }

  /** Waits until every process is running and serving (after faults, before checking). */
  public void awaitHealthy(Duration timeout) {
    awaitKafka(timeout);
    awaitReady(allServiceProcesses(), timeout);
  }

  // ---- processes ----

  private ChildProcess kafkaProcess() {
    var command =
        javaCommand(
            "256m", "-cp", System.getProperty("java.class.path"), KafkaBrokerMain.class.getName());
    return child(
        KAFKA,
        1,
        ClusterProcess.PortKind.OTHER,
        ports.kafka(),
        "kafka://" + kafkaBootstrap(),
        command,
        Map.of(
            "ORDERPAY_KAFKA_LOG_DIR", options.dataDir().resolve("kafka").toString(),
            "ORDERPAY_KAFKA_PORT", Integer.toString(ports.kafka()),
            "ORDERPAY_KAFKA_CONTROLLER_PORT", Integer.toString(ports.kafkaController())));
  }

  private ChildProcess serviceProcess(String service, int replica) {
    int port = ports.grpc(service, replica);
    String prefix = service.toUpperCase(Locale.ROOT) + "_";
    var env = new HashMap<>(shared);
    env.put(prefix + "GRPC_HOST", "127.0.0.1");
    env.put(prefix + "GRPC_PORT", Integer.toString(port));
    // free ports: any free admin port (0), never a guess beside a port picked at random
    env.put(prefix + "ADMIN_PORT", Integer.toString(adminPort(service, replica).orElse(0)));
    return child(
        service,
        replica,
        ClusterProcess.PortKind.GRPC,
        port,
        "grpc://127.0.0.1:" + port,
        javaCommand(options.serviceHeap(), "-jar", jar(service + "-service").toString()),
        env);
  }

  private ChildProcess gatewayProcess() {
    return child(
        GATEWAY,
        1,
        ClusterProcess.PortKind.HTTP,
        ports.gateway(),
        gatewayUrl() + "/health/ready",
        javaCommand(options.serviceHeap(), "-jar", jar("gateway").toString()),
        shared);
  }

  private ChildProcess child(
      String service,
      int replica,
      ClusterProcess.PortKind kind,
      int port,
      String health,
      List<String> command,
      Map<String, String> env) {
    var environment = new HashMap<>(options.environment());
    // each process names itself in its traces (kafka, postgres: not traced, harmless)
    environment.put("OTEL_SERVICE_NAME", service);
    environment.putAll(env);
    return new ChildProcess(
        service,
        replica,
        kind,
        port,
        health,
        command,
        environment,
        options.root(),
        logFile(service, replica),
        this::exited);
  }

  private Path jar(String artifact) {
    Path jar =
        options.root().resolve("apps").resolve(artifact).resolve("target/" + artifact + ".jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build the runnable jars first (./orderpay build)");
    }
    return jar;
  }

  /** The JVM flags of {@code ./orderpay up}, a modest heap, and the JIT and GC of a small box. */
  private List<String> javaCommand(String heap, String... rest) {
    var command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow",
                "-Xmx" + heap,
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:ReservedCodeCacheSize=48m",
                "-XX:+ExitOnOutOfMemoryError",
                // an out-of-memory exit leaves its evidence beside the logs
                "-XX:+HeapDumpOnOutOfMemoryError",
                "-XX:HeapDumpPath=" + options.dataDir().resolve("logs"),
                CLUSTER_MARK + options.dataDir()));
    command.addAll(List.of(rest));
    return command;
  }

  private List<ChildProcess> allServiceProcesses() {
    return services.values().stream().flatMap(List::stream).toList();
  }

  private ChildProcess child(String service, int replica) {
    if (service.equals(KAFKA)) {
      return replica == 1 ? kafka : null;
    }
    var list = services.get(service);
    return list == null || replica < 1 || replica > list.size() ? null : list.get(replica - 1);
  }

  private ChildProcess requireChild(String service, int replica) {
    var found = child(service, replica);
    if (found == null) {
      throw new IllegalArgumentException("no process " + service + "#" + replica);
    }
    return found;
  }

  // ---- supervision ----

  /** Starts a process unless the cluster is stopping: close() then sees every process started. */
  private synchronized void launch(ChildProcess child) {
    if (closing) {
      throw new IllegalStateException("the cluster is stopping");
    }
    child.start();
  }

  private synchronized boolean relaunch(ChildProcess child, Process gone) {
    return !closing && child.restart(gone);
  }

  private void exited(ChildProcess child, Process gone) {
    if (closing || !child.wanted() || !child.isCurrent(gone)) {
      writeClusterFileQuietly();
      return;
    }
    Duration delay = child.restartDelay();
    log.warn(
        "{} (pid {}) exited with status {}; restarting it in {} s",
        child.name(),
        gone.pid(),
        gone.exitValue(),
        delay.toMillis() / 1000.0);
    writeClusterFileQuietly();
    supervisor.schedule(() -> restart(child, gone), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void restart(ChildProcess child, Process gone) {
    if (closing) {
      return;
    }
    try {
      if (relaunch(child, gone)) {
        long pid = child.pid().orElse(-1);
        log.info("{} restarted as pid {}", child.name(), pid);
        writeClusterFileQuietly();
        Thread.ofVirtual().name("watch-" + child.name()).start(() -> reportServing(child, pid));
      }
    } catch (RuntimeException e) {
      log.error("{} could not be restarted; trying again", child.name(), e);
      supervisor.schedule(() -> restart(child, gone), 2, TimeUnit.SECONDS);
    }
  }

  /** Logs when a restarted process serves again: how long an outage lasted, for the reader. */
  private void reportServing(ChildProcess child, long pid) {
    long begun = System.nanoTime();
    try {
      awaitReady(List.of(child), options.startTimeout());
      if (child.pid().orElse(-1) == pid && !closing) {
        log.info(
            "{} (pid {}) serving again, {} s after its restart",
            child.name(),
            pid,
            String.format(Locale.ROOT, "%.1f", (System.nanoTime() - begun) / 1e9));
      }
    } catch (RuntimeException e) {
      if (!closing && child.pid().orElse(-1) == pid) {
        log.warn("{} (pid {}) is not serving: {}", child.name(), pid, e.getMessage());
      }
    }
  }

  private void postgresExited(EmbeddedPostgresServer gone) {
    synchronized (this) {
      if (closing || !postgresWanted || postgres != gone) {
        return;
      }
      log.warn("PostgreSQL exited; restarting it in 1 s");
      closeQuietly(gone);
      postgres = null;
    }
    writeClusterFileQuietly();
    supervisor.schedule(this::restartPostgres, 1, TimeUnit.SECONDS);
  }

  private void restartPostgres() {
    synchronized (this) {
      if (closing || postgres != null) {
        return;
      }
    }
    try {
      startPostgres();
      synchronized (this) {
        postgresRestarts++;
      }
      log.info("PostgreSQL restarted as pid {}", postmasterPid().orElse(-1));
      writeClusterFileQuietly();
    } catch (RuntimeException e) {
      log.error("PostgreSQL could not be restarted; trying again in 2 s", e);
      supervisor.schedule(this::restartPostgres, 2, TimeUnit.SECONDS);
    }
  }

  /** The postmaster's pid, from its pid file: pg_ctl starts it in a session of its own. */
  private synchronized OptionalLong postmasterPid() {
    if (postgres == null) {
      return OptionalLong.empty();
    }
    try {
      Path pidFile = options.dataDir().resolve("postgres/postmaster.pid");
      long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
          ? OptionalLong.of(pid)
          : OptionalLong.empty();
    } catch (IOException | RuntimeException notRunning) {
      return OptionalLong.empty();
    }
  }

  // ---- readiness ----

  private void awaitKafka(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (kafka.pid().isPresent() && accepts(ports.kafka())) {
        return;
      }
      pause();
    }
    throw new IllegalStateException(
        "Kafka did not start within " + timeout + "; see " + kafka.logFile());
  }

  private void awaitReady(Collection<ChildProcess> children, Duration timeout) {
    var channels = new HashMap<Integer, GrpcChannels.Client>();
    try {
      long deadline = System.nanoTime() + timeout.toNanos();
      var waiting = new ArrayList<>(children);
      while (!waiting.isEmpty()) {
        waiting.removeIf(child -> serving(child, channels));
        if (waiting.isEmpty()) {
          return;
        }
        if (closing) {
          throw new IllegalStateException("the cluster is stopping");
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "not serving within "
                  + timeout
                  + ": "
                  + waiting.stream()
                      .map(c -> c.name() + " (log: " + c.logFile() + ")")
                      .collect(Collectors.joining(", ")));
        }
        pause();
      }
    } finally {
      channels.values().forEach(GrpcChannels.Client::close);
    }
  }

  /** Health asks need no grant; the channel signs its calls like every other. */
  private ServiceCredentials launcherCredentials() {
    return new ServiceCredentials(ServiceKey.of(shared.get(ServiceKey.VARIABLE)), Callers.LAUNCHER);
  }

  private boolean serving(ChildProcess child, Map<Integer, GrpcChannels.Client> channels) {
    if (child.pid().isEmpty() || !accepts(child.port)) {
      return false;
    }
    return switch (child.portKind) {
      case GRPC -> {
        var channel =
            channels.computeIfAbsent(
                child.port,
                port ->
                    GrpcChannels.open(
                        "127.0.0.1:" + port, Duration.ofSeconds(2), launcherCredentials()));
        try {
          yield HealthGrpc.newBlockingStub(channel.channel())
                  .check(HealthCheckRequest.getDefaultInstance())
                  .getStatus()
              == ServingStatus.SERVING;
        } catch (RuntimeException notYet) {
          yield false;
        }
      }
      case HTTP -> gatewayReady();
      case OTHER -> true;
    };
  }

  private boolean gatewayReady() {
    try {
      var request = HttpRequest.newBuilder(URI.create(gatewayUrl() + "/health/ready")).build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean accepts(int port) {
    try (var socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  private static void pause() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the cluster", e);
    }
  }

  // ---- cluster.json ----

  private void writeClusterFile() {
    try {
      Path temp = clusterFile.resolveSibling("cluster.json.tmp");
      synchronized (this) {
        Files.writeString(temp, JSON.writeValueAsString(processes()));
        Files.move(
            temp, clusterFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + clusterFile, e);
    }
  }

  private void writeClusterFileQuietly() {
    try {
      writeClusterFile();
    } catch (RuntimeException e) {
      log.warn("could not update {}", clusterFile, e);
    }
  }

  /**
   * Processes a previous launcher left behind when it was itself killed: a cluster.json whose pids
   * still run one of our command lines. They are stopped; a live launcher is left alone and
   * refused.
   */
  private void stopLeftovers() throws IOException {
    if (!Files.exists(clusterFile)) {
      return;
    }
    List<ClusterProcess> listed;
    try {
      listed = List.of(JSON.readValue(clusterFile.toFile(), ClusterProcess[].class));
    } catch (IOException unreadable) {
      return;
    }
    for (var entry : listed) {
      boolean launcherAlive =
          entry.service().equals("launcher")
              && entry.pid() != null
              && ProcessHandle.of(entry.pid())
                  .filter(ProcessHandle::isAlive)
                  .flatMap(h -> h.info().commandLine())
                  .filter(commandLine -> commandLine.contains(ClusterMain.class.getName()))
                  .isPresent();
      if (launcherAlive) {
        throw new IllegalStateException(
            "a cluster launcher (pid "
                + entry.pid()
                + ") is running on "
                + options.dataDir()
                + ": stop it first (Ctrl-C in its terminal)");
      }
    }
    var leftovers = new ArrayList<ProcessHandle>();
    for (var entry : listed) {
      if (entry.pid() == null || entry.pid() == ProcessHandle.current().pid()) {
        continue;
      }
      var handle = ProcessHandle.of(entry.pid()).filter(ProcessHandle::isAlive);
      if (handle.isEmpty()) {
        continue;
      }
      String commandLine = handle.get().info().commandLine().orElse("");
      boolean ours =
          commandLine.contains(CLUSTER_MARK + options.dataDir())
              || (entry.service().equals(POSTGRES)
                  && commandLine.contains(options.dataDir().resolve("postgres").toString()));
      if (ours) {
        log.warn(
            "stopping {}#{} (pid {}), left running by a launcher that was killed",
            entry.service(),
            entry.replica(),
            entry.pid());
        handle.get().destroyForcibly();
        leftovers.add(handle.get());
      }
    }
    leftovers.forEach(handle -> awaitExit(handle, Duration.ofSeconds(10)));
  }

  // ---- stopping ----

  /** Stops the services (gateway first), then Kafka, the emulator, the mail catcher, PostgreSQL. */
  @Override
  public void close() {
    synchronized (this) {
      if (closing) {
        return;
      }
      closing = true;
    }
    if (ports == null) { // refused before anything started
      supervisor.shutdownNow();
      return;
    }
    log.info("stopping the cluster: services, then Kafka, the emulator, mail, PostgreSQL");
    var gateway = services.getOrDefault(GATEWAY, List.of());
    gateway.forEach(c -> c.stop(STOP_GRACE));
    var backends = allServiceProcesses().stream().filter(c -> !gateway.contains(c)).toList();
    var stopping = backends.stream().map(ChildProcess::requestStop).toList();
    stopping.forEach(p -> ChildProcess.awaitStopped(p, STOP_GRACE));
    if (kafka != null) {
      kafka.stop(STOP_GRACE);
    }
    closeQuietly(emulator);
    closeQuietly(mail);
    Optional<ProcessHandle> postmaster;
    synchronized (this) {
      postmaster =
          postmasterPid().stream()
              .mapToObj(ProcessHandle::of)
              .flatMap(Optional::stream)
              .findFirst();
      postgresWanted = false;
      closeQuietly(postgres);
    }
    // pg_ctl returns once the pid file is gone; the postmaster itself exits a moment later
    postmaster.ifPresent(handle -> awaitExit(handle, Duration.ofSeconds(15)));
    supervisor.shutdownNow();
    writeClusterFileQuietly();
    log.info("cluster stopped");
  }

  private static void closeQuietly(AutoCloseable resource) {
    if (resource == null) {
      return;
    }
    try {
      resource.close();
    } catch (Exception e) {
      log.debug("closing {} failed", resource, e);
    }
  }

  private static void awaitExit(ProcessHandle handle, Duration timeout) {
    try {
      handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      log.warn("pid {} still running after {}", handle.pid(), timeout);
    }
  }

  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  /** Deletes a throw-away folder; one left behind is harmless, so failures are ignored. */
  public static void deleteQuietly(Path dir) {
    try {
      deleteRecursively(dir);
    } catch (IOException | RuntimeException e) {
      // a temp folder left behind is harmless
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
