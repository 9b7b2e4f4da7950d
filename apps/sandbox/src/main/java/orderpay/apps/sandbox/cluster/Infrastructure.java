package orderpay.apps.sandbox.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import orderpay.adapters.kafka.KafkaSettings;
import orderpay.adapters.kafka.KafkaTopics;
import orderpay.adapters.stripe.StripeWebhookVerifier;
import orderpay.apps.sandbox.Sandbox;
import orderpay.apps.sandbox.cluster.ClusterProcess.PortKind;
import orderpay.apps.stripe.Faults;
import orderpay.apps.stripe.StripeEmulator;
import orderpay.devstack.EmbeddedMailCatcher;
import orderpay.runtime.Env;

/**
 * What the services stand on: the Kafka broker (a process of its own), PostgreSQL (its own
 * processes) and, inside the launcher's JVM, the Stripe emulator and the SMTP catcher. Started
 * before the services, each once what it needs runs; stopped after them.
 */
final class Infrastructure {
  private static final long LAUNCHER = ProcessHandle.current().pid();

  private final Path dataDir;
  private final int mailKeptInMemory;
  private final ClusterPorts ports;
  private final Supervisor supervisor;
  private final ChildProcess kafka;
  private final SupervisedPostgres postgres;
  private volatile EmbeddedMailCatcher mail;
  private volatile StripeEmulator emulator;

  /** {@code supervisor}: restarts Kafka and PostgreSQL as it does the services, awaits them. */
  Infrastructure(
      ClusterOptions options, ClusterPorts ports, Supervisor supervisor, ChildProcess kafka) {
    this.dataDir = options.dataDir();
    this.mailKeptInMemory = options.mailKeptInMemory();
    this.ports = ports;
    this.supervisor = supervisor;
    this.kafka = kafka;
    this.postgres =
        new SupervisedPostgres(
            dataDir.resolve("postgres"), ports.postgres(), supervisor.supervision());
  }

  /** Kafka and PostgreSQL; then the variables, topics, emulator and mail catcher that need them. */
  void start(Env base, ClusterEnvironment environment) {
    supervisor.supervision().gate().launch(kafka);
    postgres.start();
    supervisor.supervision().clusterFile().write();
    supervisor.readiness().awaitKafka(kafka, supervisor.startTimeout());

    environment.addSandboxVariables(base, dataDir, ports, postgres.server());
    KafkaTopics.ensureExist(
        KafkaSettings.fromEnv(base.with(environment.variables())), Sandbox.TOPIC_PARTITIONS);
    mail =
        EmbeddedMailCatcher.start(
            ports.smtp(), Optional.of(dataDir.resolve("mail")), mailKeptInMemory);
    emulator =
        StripeEmulator.start(
            "127.0.0.1",
            ports.stripeEmulator(),
            ports.gatewayUrl() + "/api/v1/webhooks/stripe",
            environment.get("STRIPE_WEBHOOK_SECRET"),
            Faults.fromEnv(base));
    // as a Stripe endpoint is set up: only the events that move a payment (docs/operations.md)
    emulator.enableWebhookEvents(StripeWebhookVerifier.SUBSCRIBED_EVENTS);
    environment.addHosted(emulator, mail, ports.gateway());
  }

  ChildProcess kafka() {
    return kafka;
  }

  SupervisedPostgres postgres() {
    return postgres;
  }

  EmbeddedMailCatcher mail() {
    return mail;
  }

  StripeEmulator emulator() {
    return emulator;
  }

  /** The emulator, the mail catcher and the launcher itself, as {@code cluster.json} lists them. */
  List<ClusterProcess> describeInLauncher() {
    var all = new ArrayList<ClusterProcess>();
    // each once started (volatile: read once)
    Optional.ofNullable(emulator)
        .map(e -> inLauncher("stripe-emulator", PortKind.HTTP, ports.stripeEmulator(), e.apiBase()))
        .ifPresent(all::add);
    Optional.ofNullable(mail)
        .map(m -> inLauncher("smtp", PortKind.OTHER, m.port(), "smtp://127.0.0.1:" + m.port()))
        .ifPresent(all::add);
    all.add(
        ClusterProcess.of(
            "launcher", 1, OptionalLong.of(LAUNCHER), PortKind.OTHER, 0, null, 0, null));
    return all;
  }

  private static ClusterProcess inLauncher(String service, PortKind kind, int port, String health) {
    return ClusterProcess.of(
        service, 1, OptionalLong.of(LAUNCHER), kind, port, health, 0, "launcher");
  }

  /** Once the services are down: Kafka, the emulator, the mail catcher, PostgreSQL. */
  void stop(Duration grace) {
    kafka.stop(grace);
    Stopping.closeQuietly(emulator);
    Stopping.closeQuietly(mail);
    postgres.close();
  }
}
