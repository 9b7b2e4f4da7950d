package orderpay.apps.sandbox.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import orderpay.apps.sandbox.chaos.Chaos.Injected;
import orderpay.apps.sandbox.chaos.Chaos.Scenario;
import orderpay.apps.sandbox.cluster.Cluster;
import orderpay.apps.sandbox.cluster.ClusterProcess;
import orderpay.apps.sandbox.cluster.Signal;

/**
 * Every fault of the battery, each healed before it returns: crashes of one or two replicas, a
 * frozen process, the broker, PostgreSQL or the SMTP server down, Stripe misbehaving. Which
 * replica, for how long and when draw from the scenario's {@link Random}, so a seed replays the
 * same fault.
 */
final class ScenarioCatalogue {
  /** How long a killed or frozen process may take to come back. */
  static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(150);

  private ScenarioCatalogue() {}

  /** Every scenario, in the order a run goes through them. */
  static List<Scenario> all() {
    var all = new ArrayList<Scenario>();
    for (String service : killable()) {
      all.add(new Scenario("kill-" + service, (cluster, random) -> kill(cluster, random, service)));
    }
    all.add(new Scenario("kill-two", ScenarioCatalogue::killTwo));
    all.add(new Scenario("freeze", ScenarioCatalogue::freeze));
    all.add(new Scenario("kafka-down", ScenarioCatalogue::kafkaDown));
    all.add(new Scenario("postgres-down", ScenarioCatalogue::postgresDown));
    all.add(new Scenario("smtp-down", ScenarioCatalogue::smtpDown));
    all.add(new Scenario("stripe-faults", ScenarioCatalogue::stripeFaults));
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
    outage(
        seconds,
        () -> cluster.kill(service, replica, Signal.STOP),
        () -> cluster.kill(service, replica, Signal.CONT));
    cluster.awaitHealthy(RECOVERY_TIMEOUT);
    return new Injected(1, "SIGSTOP %s#%d for %d s".formatted(service, replica, seconds));
  }

  /** The broker killed and kept down for 60 s (issue 8: at least 60 s), then restarted. */
  private static Injected kafkaDown(Cluster cluster, Random random) throws InterruptedException {
    int seconds = 60 + random.nextInt(6);
    outage(seconds, cluster::stopKafka, cluster::startKafka);
    cluster.awaitHealthy(RECOVERY_TIMEOUT);
    return new Injected(1, "Kafka killed, restarted after %d s".formatted(seconds));
  }

  /** PostgreSQL stopped in immediate mode (crash recovery on start), restarted a few s later. */
  private static Injected postgresDown(Cluster cluster, Random random) throws InterruptedException {
    int seconds = 3 + random.nextInt(6);
    outage(seconds, () -> cluster.stopPostgres(true), cluster::startPostgres);
    cluster.awaitHealthy(RECOVERY_TIMEOUT);
    return new Injected(
        1, "PostgreSQL stopped (immediate), restarted after %d s".formatted(seconds));
  }

  /** The SMTP server down for 10-20 s: emails wait and are sent once, later. */
  private static Injected smtpDown(Cluster cluster, Random random) throws InterruptedException {
    int seconds = 10 + random.nextInt(11);
    outage(seconds, () -> cluster.mail().stop(), () -> cluster.mail().start());
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

  /** Something taken down for {@code seconds}, then back, even when the wait is interrupted. */
  private static void outage(int seconds, Runnable down, Runnable up) throws InterruptedException {
    down.run();
    try {
      Thread.sleep(Duration.ofSeconds(seconds));
    } finally {
      up.run();
    }
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
  static void healEverything(Cluster cluster) {
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
}
