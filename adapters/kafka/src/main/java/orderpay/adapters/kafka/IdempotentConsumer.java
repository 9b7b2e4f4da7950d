package orderpay.adapters.kafka;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import orderpay.adapters.postgres.JdbiTransactions;
import orderpay.adapters.postgres.messaging.Inbox;
import orderpay.adapters.runtime.HealthIndicator;
import orderpay.adapters.telemetry.Traces;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 */
public final class IdempotentConsumer implements AutoCloseable, HealthIndicator {
  private static final Logger log = LoggerFactory.getLogger(IdempotentConsumer.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
  private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(5);

  /**
   * How often handled positions are committed. Every record is deduplicated by the inbox, so
   * positions committed late cost at most a second of redeliveries after a crash, which the inbox
   * skips; committing after every poll cost a broker round trip and a coordinator write per poll.
   */
  static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);

  private static final Duration CLIENT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

  /** How one poll and its records ended. */
  private enum Round {
    /** Everything fetched was applied or parked (and committed, or due to be within a second). */
    CAUGHT_UP,
    /** A record must be come back to: its partition is rewound to it. */
    LEFT_BEHIND,
    /** Everything fetched was handled, but the commit did not go through; it is owed. */
    COMMIT_OWED
  }

  /** Makes the Kafka clients of one consumer; a new one replaces a client that failed. */
  interface Clients {
    Consumer<String, byte[]> consumer();

    Producer<String, byte[]> deadLetterProducer();
  }

  private final String consumerName;
  private final String topicPrefix;
  private final List<String> topics;
  private final EventHandler handler;
  private final JdbiTransactions transactions;
  private final RetryPolicy retryPolicy;
  private final Clients clients;
  private final Duration stallThreshold;
  private final Duration commitInterval;
  private final MessagingMetrics metrics;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final CountDownLatch closing = new CountDownLatch(1);
  private final Thread thread;
  // owned by the loop thread; close() only wakes the consumer up
  private volatile Consumer<String, byte[]> consumer;
  private Producer<String, byte[]> deadLetters;
  // positions moved past handled records since the last commit that went through
  private boolean commitOwed;
  // false while a poll's records are being handled: positions may then be past unhandled ones
  private boolean positionsHandled = true;
  private long lastCommitNanos = System.nanoTime();
  // the heartbeat: when the loop last got through everything it fetched
  private volatile long lastProgressNanos = System.nanoTime();
  private volatile String lastProblem = "none";
  // records not yet fetched, as of the last poll; unknown until the first one
  private volatile double lag = Double.NaN;

  public IdempotentConsumer(
      KafkaSettings settings,
      String consumerName,
      List<String> topics,
      EventHandler handler,
      JdbiTransactions transactions,
      RetryPolicy retryPolicy,
      MessagingMetrics metrics) {
    this(
        settings,
        consumerName,
        topics,
        handler,
        transactions,
        retryPolicy,
        metrics,
        kafkaClients(settings, consumerName),
        COMMIT_INTERVAL);
  }

  IdempotentConsumer(
      KafkaSettings settings,
      String consumerName,
      List<String> topics,
      EventHandler handler,
      JdbiTransactions transactions,
      RetryPolicy retryPolicy,
      MessagingMetrics metrics,
      Clients clients,
      Duration commitInterval) {
    this.consumerName = consumerName;
    this.commitInterval = commitInterval;
    this.topicPrefix = settings.topicPrefix();
    this.topics = topics.stream().map(settings::topic).toList();
    this.handler = handler;
    this.transactions = transactions;
    this.retryPolicy = retryPolicy;
    this.clients = clients;
    this.stallThreshold = settings.consumerStallThreshold();
    this.metrics = metrics;
    metrics.lag(consumerName, this, IdempotentConsumer::lag);
    metrics.expectParkingFor(topics);
    this.thread =
        Thread.ofPlatform().name("consumer-" + consumerName).daemon().unstarted(this::run);
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
    lastProgressNanos = System.nanoTime();
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
          "consumer " + consumerName + " is not running (last problem: " + lastProblem + ")");
    }
    Duration idle = Duration.ofNanos(System.nanoTime() - lastProgressNanos);
    if (idle.compareTo(stallThreshold) > 0) {
      return new Health.Unhealthy(
          "consumer "
              + consumerName
              + " has made no progress for "
              + idle.toSeconds()
              + " s (last problem: "
              + lastProblem
              + ")");
    }
    return Health.HEALTHY;
  }

  /** What last kept the loop from progressing, for health reasons and tests. */
  String lastProblem() {
    return lastProblem;
  }

  private void run() {
    int failures = 0;
    try {
      while (running.get()) {
        try {
          switch (pollOnce()) {
            case CAUGHT_UP -> failures = 0;
            case LEFT_BEHIND, COMMIT_OWED -> pause(++failures);
          }
        } catch (RuntimeException failure) {
          if (!running.get()) {
            break; // close() woke us up
          }
          // positions may be past records not yet handled: drop them with the client, never
          // commit them; a new client starts from the last committed offsets
          failures++;
          lastProblem = failure.toString();
          log.warn(
              "consumer {} failed ({}); reconnecting in {}",
              consumerName,
              failure,
              retryPolicy.backoffAfter(failures),
              failure);
          discardConsumer();
          pause(failures);
        }
      }
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
    } catch (Error fatal) {
      lastProblem = fatal.toString();
      log.error("consumer {} died", consumerName, fatal);
      throw fatal;
    } finally {
      commitBeforeLeaving();
      discardConsumer();
      discardDeadLetters();
    }
  }

  /**
   * A consumer closing with every fetched record handled commits what it owes, so the partitions'
   * next owner starts right after them. Best effort: what is not committed is redelivered and
   * skipped by the inbox.
   */
  private void commitBeforeLeaving() {
    var current = consumer;
    if (current == null || !commitOwed || !positionsHandled) {
      return;
    }
    for (int attempt = 1; attempt <= 2; attempt++) {
      try {
        current.commitSync(COMMIT_TIMEOUT);
        commitOwed = false;
        return;
      } catch (WakeupException wokenByClose) {
        // close() woke the client; the wake-up is spent, the second attempt is a real one
      } catch (RuntimeException e) {
        log.debug("consumer {} could not commit while closing", consumerName, e);
        return;
      }
    }
  }

  /** One poll, its records, and the commit of what they moved past. */
  private Round pollOnce() {
    if (consumer == null) {
      var fresh = clients.consumer();
      consumer = fresh;
      commitOwed = false; // a new client has no positions of its own to commit
      fresh.subscribe(topics, new CommitBeforeHandingOver(fresh));
    }
    var records = consumer.poll(POLL_TIMEOUT);
    positionsHandled = records.isEmpty();
    lag = lagOf(consumer);
    boolean leftBehind = false;
    if (records.count() > 1 && applyAllAtOnce(records)) {
      markProgress();
    } else {
      leftBehind = processOneByOne(records);
    }
    if (!leftBehind) {
      markProgress();
    }
    // positions: up to what was applied or parked, never past a record left behind
    positionsHandled = true;
    commitOwed |= !records.isEmpty();
    if (commitOwed && System.nanoTime() - lastCommitNanos >= commitInterval.toNanos()) {
      try {
        consumer.commitSync(COMMIT_TIMEOUT);
        commitOwed = false;
        lastCommitNanos = System.nanoTime();
      } catch (RetriableException | CommitFailedException | RebalanceInProgressException e) {
        // the records are handled; committing later (or redelivering them to the inbox) is safe.
        // Not a stall: the broker being away is not this service failing at its work
        commitOwed = true;
        lastProblem = "commit failed: " + e;
        log.warn("consumer {} could not commit ({}); will try again", consumerName, e.toString());
        return leftBehind ? Round.LEFT_BEHIND : Round.COMMIT_OWED;
      }
    }
    return leftBehind ? Round.LEFT_BEHIND : Round.CAUGHT_UP;
  }

  /**
   * Partitions about to move to another member get their handled positions committed first, so the
   * new owner does not start over from the last timed commit. Runs on the loop thread, inside
   * {@code poll} (between rounds) or {@code close}.
   */
  private final class CommitBeforeHandingOver implements ConsumerRebalanceListener {
    private final Consumer<String, byte[]> client;

    CommitBeforeHandingOver(Consumer<String, byte[]> client) {
      this.client = client;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // also called when a failed client is closed mid-round: its positions are not to be trusted
      if (!commitOwed || !positionsHandled || partitions.isEmpty()) {
        return;
      }
      try {
        client.commitSync(COMMIT_TIMEOUT);
        commitOwed = false;
        lastCommitNanos = System.nanoTime();
      } catch (RuntimeException e) {
        log.debug("consumer {} could not commit before a rebalance", consumerName, e);
      }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
  }

  /**
   * What the consumer has yet to fetch on its partitions, from what its last fetches learned of the
   * log ends (no broker round trip). Read right after a poll: a batch being applied is not counted,
   * the backlog behind it is. Partitions whose end is not known yet count as nothing.
   */
  private static double lagOf(Consumer<String, byte[]> consumer) {
    long behind = 0;
    for (var partition : consumer.assignment()) {
      behind += consumer.currentLag(partition).orElse(0);
    }
    return behind;
  }

  private double lag() {
    return lag;
  }

  /**
   * Applies every record of a poll in one transaction: one commit for the batch instead of one per
   * record. True if that worked; false changes nothing (the transaction rolled back) and the
   * records then go one by one, with their own retries, parking and rewinds.
   */
  private boolean applyAllAtOnce(ConsumerRecords<String, byte[]> records) {
    var events = new ArrayList<ReceivedEvent>(records.count());
    var parents = new ArrayList<Context>(records.count());
    for (var partition : records.partitions()) {
      for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
        try {
          events.add(toEvent(record));
          parents.add(parentOf(record));
        } catch (PoisonMessage poison) {
          return false; // parked on the one-by-one path
        }
      }
    }
    try {
      transactions.run(
          () -> {
            for (int i = 0; i < events.size(); i++) {
              var event = events.get(i);
              Traces.within(
                  processSpan(event, parents.get(i)),
                  () -> {
                    applyOnce(event);
                    return null;
                  });
            }
          });
      return true;
    } catch (RuntimeException failure) {
      log.debug("{} applies a batch one by one after {}", consumerName, failure.toString());
      return false;
    }
  }

  /** The trace the record's event continues ({@code ce_traceparent}); a new one if it has none. */
  private static Context parentOf(ConsumerRecord<String, byte[]> record) {
    return Traces.parentFrom(
        EventHeaders.get(record.headers(), EventHeaders.CE_TRACEPARENT).orElse(null));
  }

  private Span processSpan(ReceivedEvent event, Context parent) {
    Span span = Traces.start(event.topic() + " process", SpanKind.CONSUMER, parent);
    span.setAttribute("messaging.system", "kafka");
    span.setAttribute("messaging.destination.name", event.topic());
    span.setAttribute("messaging.consumer.group.name", consumerName);
    span.setAttribute("messaging.message.id", event.eventId().toString());
    return span;
  }

  /** Each record in its own transaction; true if a partition had to be rewound to a record. */
  private boolean processOneByOne(ConsumerRecords<String, byte[]> records) {
    boolean leftBehind = false;
    for (var partition : records.partitions()) {
      for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
        if (!process(record)) {
          // the infrastructure is away: come back to this record, keep the partition's order
          consumer.seek(partition, record.offset());
          leftBehind = true;
          break;
        }
        if (!leftBehind) {
          markProgress(); // a long batch is progress; a partition held back is not
        }
      }
    }
    return leftBehind;
  }

  private void markProgress() {
    lastProgressNanos = System.nanoTime();
  }

  /** Waits the backoff for the n-th failure in a row; close() cuts it short. */
  private void pause(int failures) throws InterruptedException {
    closing.await(retryPolicy.backoffAfter(failures).toMillis(), TimeUnit.MILLISECONDS);
  }

  private void discardConsumer() {
    var current = consumer;
    consumer = null;
    if (current != null) {
      try {
        current.close(CloseOptions.timeout(CLIENT_CLOSE_TIMEOUT));
      } catch (RuntimeException e) {
        log.debug("closing consumer {} failed", consumerName, e);
      }
    }
  }

  private Producer<String, byte[]> deadLetters() {
    if (deadLetters == null) {
      deadLetters = clients.deadLetterProducer();
    }
    return deadLetters;
  }

  private void discardDeadLetters() {
    var current = deadLetters;
    deadLetters = null;
    if (current != null) {
      try {
        current.close(CLIENT_CLOSE_TIMEOUT);
      } catch (RuntimeException e) {
        log.debug("closing the DLQ producer of {} failed", consumerName, e);
      }
    }
  }

  /**
   * Applies or parks the record and returns true; false if it must be retried later (the database
   * or the DLQ is away, or the consumer is closing).
   */
  private boolean process(ConsumerRecord<String, byte[]> record) {
    ReceivedEvent event;
    try {
      event = toEvent(record);
    } catch (PoisonMessage poison) {
      return park(record, poison, 1);
    }
    Span span = processSpan(event, parentOf(record));
    try (var entered = Traces.enter(span)) {
      for (int attempt = 1; ; attempt++) {
        try {
          transactions.run(() -> applyOnce(event));
          return true;
        } catch (PoisonMessage poison) {
          return park(record, poison, attempt);
        } catch (RuntimeException failure) {
          if (TransientFailure.isTransient(failure)) {
            lastProblem = "cannot apply " + event.eventId() + " now: " + failure;
            log.warn(
                "{} cannot apply {} now ({}); will retry",
                consumerName,
                event.eventId(),
                failure.toString());
            return false;
          }
          if (!running.get()) {
            return false; // closing: the next owner of the partition retries it in full
          }
          if (attempt >= retryPolicy.maxAttempts()) {
            return park(record, failure, attempt);
          }
          log.warn(
              "{} failed on {} (attempt {}), retrying", consumerName, event.eventId(), attempt);
          closing.await(retryPolicy.backoffAfter(attempt).toMillis(), TimeUnit.MILLISECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WakeupException();
    } finally {
      span.end();
    }
  }

  private void applyOnce(ReceivedEvent event) {
    var handle = transactions.requireTransaction();
    if (!Inbox.firstDelivery(handle, consumerName, event.eventId(), event.topic())) {
      log.debug("{} ignores redelivered {}", consumerName, event.eventId());
      return;
    }
    try {
      handler.handle(event);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private ReceivedEvent toEvent(ConsumerRecord<String, byte[]> record) {
    String id =
        EventHeaders.get(record.headers(), EventHeaders.EVENT_ID)
            .orElseThrow(() -> new PoisonMessage("no event_id header", null));
    try {
      return new ReceivedEvent(
          UUID.fromString(id),
          EventHeaders.get(record.headers(), EventHeaders.EVENT_TYPE).orElse(""),
          record.topic(),
          record.topic().startsWith(topicPrefix)
              ? record.topic().substring(topicPrefix.length())
              : record.topic(),
          record.key(),
          record.value() == null ? new byte[0] : record.value());
    } catch (IllegalArgumentException malformed) {
      throw new PoisonMessage("malformed event_id header " + id, malformed);
    }
  }

  /**
   * Copies the record to the DLQ synchronously and returns true; only then may its offset be
   * committed. Returns false when the copy could not be written: the record is retried later.
   */
  private boolean park(ConsumerRecord<String, byte[]> record, Exception error, int attempts) {
    var dead = new ProducerRecord<>(record.topic() + ".dlq", record.key(), record.value());
    record.headers().forEach(h -> dead.headers().add(h));
    EventHeaders.put(dead.headers(), EventHeaders.DLQ_ERROR, String.valueOf(error.getMessage()));
    EventHeaders.put(dead.headers(), EventHeaders.DLQ_ATTEMPTS, Integer.toString(attempts));
    EventHeaders.put(dead.headers(), EventHeaders.DLQ_SOURCE, consumerName);
    try {
      deadLetters().send(dead).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WakeupException();
    } catch (Exception sendFailed) {
      // without a DLQ copy the offset must not move; a producer in a fatal state never recovers,
      // so the next attempt gets a new one
      lastProblem = "cannot write to " + dead.topic() + ": " + sendFailed;
      log.warn(
          "{} could not park {}@{}/{} in {}; will retry",
          consumerName,
          record.topic(),
          record.partition(),
          record.offset(),
          dead.topic(),
          sendFailed);
      discardDeadLetters();
      return false;
    }
    metrics.parked(dead.topic());
    log.error(
        "{} parked {}@{}/{} in the DLQ after {} attempt(s)",
        consumerName,
        record.topic(),
        record.partition(),
        record.offset(),
        attempts,
        error);
    return true;
  }

  /** Ends the loop, waking it from a poll or a backoff; the only way it ends. */
  @Override
  public void close() {
    running.set(false);
    closing.countDown();
    var current = consumer;
    if (current != null) {
      current.wakeup();
    }
    try {
      thread.join(15_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
