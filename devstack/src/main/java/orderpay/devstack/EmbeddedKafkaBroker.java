package orderpay.devstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker in KRaft mode, inside this JVM, on loopback. Formats its log
 * directory on first start; a kept directory keeps the topics and offsets across restarts. {@link
 * #stop()} and {@link #restart()} take it away and bring it back on the same ports with the same
 * data, the way an outage looks to clients.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
  private final Properties config;
  private final int port;
  private final Path logDir;
  private final boolean deleteOnClose;
  private KafkaRaftServer server; // null while stopped

  private EmbeddedKafkaBroker(Properties config, int port, Path logDir, boolean deleteOnClose) {
    this.config = config;
    this.port = port;
    this.logDir = logDir;
    this.deleteOnClose = deleteOnClose;
  }

  /**
   * Starts a broker; with a null log directory it uses a temporary one deleted on close. Like a
   * production cluster, it creates no topic on first use: they are provisioned first ({@code
   * KafkaTopics.ensureExist}), so a service that relied on auto-creation fails here, not in prod.
   */
  public static EmbeddedKafkaBroker start(Path keptLogDir, int port) {
    return start(keptLogDir, port, FreePorts.next());
  }

  /**
   * With a fixed controller port too: a broker run as its own process restarts on the very same
   * listeners (the cluster kills and restarts it).
   */
  public static EmbeddedKafkaBroker start(Path keptLogDir, int port, int controllerPort) {
    return start(keptLogDir, port, controllerPort, false);
  }

  /** A broker that creates a topic on first use: for tests that make up topics of their own. */
  public static EmbeddedKafkaBroker startCreatingTopicsOnUse(Path keptLogDir, int port) {
    return start(keptLogDir, port, FreePorts.next(), true);
  }

  private static EmbeddedKafkaBroker start(
      Path keptLogDir, int port, int controllerPort, boolean createTopicsOnUse) {
    try {
      boolean temporary = keptLogDir == null;
      Path logDir = temporary ? Files.createTempDirectory("orderpay-kafka") : keptLogDir;
      Files.createDirectories(logDir);
      Properties props = new Properties();
      props.put("process.roles", "broker,controller");
      props.put("node.id", "1");
      props.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
      props.put(
          "listeners",
          "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
      props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
      props.put("controller.listener.names", "CONTROLLER");
      props.put("inter.broker.listener.name", "PLAINTEXT");
      props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
      props.put("log.dirs", logDir.toString());
      props.put("num.partitions", "3");
      props.put("auto.create.topics.enable", Boolean.toString(createTopicsOnUse));
      // one node: every internal topic must live with a single replica or consumers hang
      props.put("offsets.topic.replication.factor", "1");
      props.put("offsets.topic.num.partitions", "5");
      props.put("transaction.state.log.replication.factor", "1");
      props.put("transaction.state.log.min.isr", "1");
      props.put("share.coordinator.state.topic.replication.factor", "1");
      props.put("share.coordinator.state.topic.min.isr", "1");
      props.put("group.initial.rebalance.delay.ms", "0");
      props.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
      // the compaction buffer is allocated whole at start (128 MiB by default); only the small
      // internal topics are compacted here, and the broker may run in a small heap of its own
      props.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));

      if (!Files.exists(logDir.resolve("meta.properties"))) {
        Path config = Files.createTempFile("orderpay-kafka", ".properties");
        try (var out = Files.newOutputStream(config)) {
          props.store(out, "embedded KRaft broker");
        }
        var log = new ByteArrayOutputStream();
        int status =
            StorageTool.execute(
                new String[] {
                  "format",
                  "-t",
                  Uuid.randomUuid().toString(),
                  "-c",
                  config.toString(),
                  "--standalone"
                },
                new PrintStream(log, true, StandardCharsets.UTF_8));
        Files.deleteIfExists(config);
        if (status != 0) {
          throw new IllegalStateException(
              "formatting the Kafka log dir failed: " + log.toString(StandardCharsets.UTF_8));
        }
      }
      var broker = new EmbeddedKafkaBroker(props, port, logDir, temporary);
      broker.restart();
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException("embedded Kafka did not start", e);
    }
  }

  /** Starts the broker again after {@link #stop()}: same ports, same topics and offsets. */
  public synchronized void restart() {
    if (server == null) {
      var started = new KafkaRaftServer(new KafkaConfig(config), Time.SYSTEM);
      started.startup();
      server = started;
    }
  }

  /** Shuts the broker down, keeping its data, until {@link #restart()}. */
  public synchronized void stop() {
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      server = null;
    }
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() {
    stop();
    if (deleteOnClose) {
      try (Stream<Path> files = Files.walk(logDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException ignored) {
        // a temp dir left behind is harmless
      }
    }
  }
}
