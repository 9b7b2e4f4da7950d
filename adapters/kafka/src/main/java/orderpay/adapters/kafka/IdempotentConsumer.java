package orderpay.adapters.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import orderpay.adapters.postgres.JdbiTransactions;
import orderpay.runtime.HealthIndicator;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A consumer loop whose effects happen once per event id: each record is applied in a database
 * transaction together with its inbox row; the records of one poll share one transaction, unless
 * that fails, and then each gets its own. Offsets are committed only after the records before them
 * are applied or parked, so nothing acknowledged is lost: at most once a second, before partitions
 * move to another member, and on close. A record that keeps failing is retried with backoff, then
 * copied to {@code <topic>.dlq} with the error, and the loop moves on.
 *
 * <p>The loop survives every failure of Kafka or of the DLQ, backing off after each. A commit that
 * fails (rebalance, timeout during a broker outage) is owed and tried again next round: positions
 * only ever cover handled records, and a rebalance in between at worst redelivers records the inbox
 * then skips. Any other error from the Kafka client (a poll or seek failing, anything unknown)
 * closes the client and subscribes with a new one, which resumes from the last committed offsets. A
 * DLQ copy that cannot be written leaves its record uncommitted, to be retried. Only {@link
 * #close()} ends the loop. As a {@link HealthIndicator} it reports whether its thread is alive and
 * still making progress.
 *
 * <p>The parts: {@link PollLoop} (the thread), {@link RecordApplier} (a poll's records at once or
 * one by one), {@link DeadLetterParking}, {@link OffsetCommits}, {@link ConsumerLag} (the gauge).
 */
public final class IdempotentConsumer implements AutoCloseable, HealthIndicator {
  /**
   * How often handled positions are committed. Every record is deduplicated by the inbox, so
   * positions committed late cost at most a second of redeliveries after a crash, which the inbox
   * skips; committing after every poll cost a broker round trip and a coordinator write per poll.
   */
  static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);

  static final Duration CLIENT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

  /**
   * More than a poll's worth of our events, so that the fetch wait decides when a fetch returns.
   */
  static final int GATHERING_FETCH_MIN_BYTES = 256 * 1024;

  /** Makes the Kafka clients of one consumer; a new one replaces a client that failed. */
  interface Clients {
    Consumer<String, byte[]> consumer();

    Producer<String, byte[]> deadLetterProducer();
  }

  private final String consumerName;
  private final Duration stallThreshold;
  private final ConsumerProgress progress = new ConsumerProgress();
  private final Closing closing = new Closing();
  private final PollLoop loop;
  private final Thread thread;

  /**
   * What every consumer of one service shares: its Kafka settings, the database transactions its
   * effects join, how it retries, where its lag and dead letters are counted.
   */
  public record Setup(
      KafkaSettings settings,
      JdbiTransactions transactions,
      RetryPolicy retryPolicy,
      MessagingMetrics metrics) {}

  public IdempotentConsumer(
      Setup setup, String consumerName, List<String> topics, EventHandler handler) {
    this(
        setup,
        consumerName,
        topics,
        handler,
        kafkaClients(setup.settings(), consumerName),
        COMMIT_INTERVAL);
  }

  IdempotentConsumer(
      Setup setup,
      String consumerName,
      List<String> topics,
      EventHandler handler,
      Clients clients,
      Duration commitInterval) {
    var settings = setup.settings();
    var metrics = setup.metrics();
    this.consumerName = consumerName;
    this.stallThreshold = settings.consumerStallThreshold();
    var lag = new ConsumerLag();
    metrics.lag(consumerName, lag, ConsumerLag::value);
    metrics.expectParkingFor(topics);
    var shared =
        new ConsumerContext(
            consumerName,
            topics.stream().map(settings::topic).toList(),
            clients,
            setup.retryPolicy(),
            new DeadLetterParking(consumerName, clients, metrics, progress),
            progress,
            closing);
    this.loop =
        new PollLoop(
            shared,
            new RecordApplier(shared, settings.topicPrefix(), handler, setup.transactions()),
            new OffsetCommits(consumerName, commitInterval, progress),
            lag);
    this.thread = Thread.ofPlatform().name("consumer-" + consumerName).daemon().unstarted(loop);
  }

  static Clients kafkaClients(KafkaSettings settings, String consumerName) {
    return new Clients() {
      @Override
      public Consumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(consumerProperties(settings, consumerName));
      }

      @Override
      public Producer<String, byte[]> deadLetterProducer() {
        return new KafkaProducer<>(
            KafkaOutboxRelay.producerProperties(settings, consumerName + "-dlq"));
      }
    };
  }

  static Properties consumerProperties(KafkaSettings settings, String group) {
    var props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.topicPrefix() + group);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
    if (settings.consumerFetchWait().isPositive()) {
      // a fetch waits for records to gather instead of returning with the first one: fewer fetch
      // round trips for the broker and larger polls, which the applier commits in one transaction
      props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, GATHERING_FETCH_MIN_BYTES);
      props.put(
          ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) settings.consumerFetchWait().toMillis());
    }
    props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5000);
    // a member that vanished (killed, or a client replaced during an outage) hands its partitions
    // over after 10 s rather than the default 45 s
    props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
    props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return props;
  }

  public IdempotentConsumer start() {
    progress.mark();
    thread.start();
    return this;
  }

  /**
   * Unhealthy when the loop's thread is gone, or when it has not got through what it fetched for
   * longer than the stall threshold. That includes a consumer waiting out a database outage: it is
   * still looping, but the service cannot do the work this consumer exists for (stock, settlement,
   * emails) and events pile up, so it should not report ready; it does again once it catches up. A
   * broker outage alone does not count: polls then return nothing and commits are owed, there is
   * nothing this service could process, and the events wait in the producers' outboxes.
   */
  @Override
  public Health health() {
    if (!thread.isAlive()) {
      return new Health.Unhealthy(
          "consumer "
              + consumerName
              + " is not running (last problem: "
              + progress.lastProblem()
              + ")");
    }
    Duration idle = progress.idle();
    if (idle.compareTo(stallThreshold) > 0) {
      return new Health.Unhealthy(
          "consumer "
              + consumerName
              + " has made no progress for "
              + idle.toSeconds()
              + " s (last problem: "
              + progress.lastProblem()
              + ")");
    }
    return Health.HEALTHY;
  }

  /** What last kept the loop from progressing, for health reasons and tests. */
  String lastProblem() {
    return progress.lastProblem();
  }

  /** Ends the loop, waking it from a poll or a backoff; the only way it ends. */
  @Override
  public void close() {
    closing.request();
    loop.wakeUp();
    try {
      thread.join(15_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
