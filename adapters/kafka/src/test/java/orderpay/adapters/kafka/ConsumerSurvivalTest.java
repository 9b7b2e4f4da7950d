package orderpay.adapters.kafka;

import static orderpay.domain.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import orderpay.adapters.postgres.Database;
import orderpay.adapters.postgres.PostgresTestDatabase;
import orderpay.devstack.EmbeddedKafkaBroker;
import orderpay.devstack.FreePorts;
import orderpay.devstack.SharedTestInfrastructure;
import orderpay.devstack.TopicProbe;
import orderpay.runtime.HealthIndicator.Health;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A consumer outlives failed commits, an unwritable DLQ and a broker restart, and each record is
 * still applied or parked exactly once.
 */
class ConsumerSurvivalTest {
  private static Database database;
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final List<AutoCloseable> opened = new ArrayList<>();
  private static final AtomicInteger commitFailuresLeft = new AtomicInteger();
  private static final AtomicInteger commitFailuresThrown = new AtomicInteger();
  private static final AtomicInteger commitsMade = new AtomicInteger();
  private static final AtomicInteger pollFailuresLeft = new AtomicInteger();
  private static final AtomicInteger consumersCreated = new AtomicInteger();
  private static final AtomicInteger dlqFailuresLeft = new AtomicInteger();
  private static final AtomicInteger dlqFailuresThrown = new AtomicInteger();
  private static volatile CountDownLatch slowHandlerEntered = new CountDownLatch(1);
  private static volatile CountDownLatch slowHandlerReleased = new CountDownLatch(1);

  @BeforeAll
  static void start() {
    database = PostgresTestDatabase.open(ConsumerSurvivalTest.class, "user");
    database.jdbi().useHandle(h -> h.execute("CREATE TABLE effects (payload text NOT NULL)"));
  }

  @AfterEach
  void closeOpened() throws Exception {
    for (var resource : opened.reversed()) {
      resource.close();
    }
    opened.clear();
  }

  @AfterAll
  static void stop() {
    database.close();
  }

  private static final EventHandler HANDLER =
      event -> {
        String payload = new String(event.payload(), StandardCharsets.UTF_8);
        if (payload.startsWith("always-fails")) {
          throw new IllegalStateException("downstream refuses " + payload);
        }
        if (payload.startsWith("fatal")) {
          throw new AssertionError("a bug no retry can help: " + payload);
        }
        if (payload.startsWith("slow")) {
          slowHandlerEntered.countDown();
          slowHandlerReleased.await(30, TimeUnit.SECONDS);
        }
        database
            .transactions()
            .requireTransaction()
            .createUpdate("INSERT INTO effects (payload) VALUES (:p)")
            .bind("p", payload)
            .execute();
      };

  /** Real Kafka clients whose commits and DLQ sends fail while the test asks them to. */
  private static IdempotentConsumer.Clients failingOnDemand(
      KafkaSettings settings, String consumerName) {
    var real = IdempotentConsumer.kafkaClients(settings, consumerName);
    return new IdempotentConsumer.Clients() {
      @Override
      public Consumer<String, byte[]> consumer() {
        consumersCreated.incrementAndGet();
        return new KafkaConsumer<>(IdempotentConsumer.consumerProperties(settings, consumerName)) {
          @Override
          public ConsumerRecords<String, byte[]> poll(Duration timeout) {
            if (pollFailuresLeft.getAndDecrement() > 0) {
              throw new KafkaException("injected: the client broke");
            }
            return super.poll(timeout);
          }

          @Override
          public void commitSync(Duration timeout) {
            if (commitFailuresLeft.getAndDecrement() > 0) {
              commitFailuresThrown.incrementAndGet();
              throw new CommitFailedException("injected: the group rebalanced");
            }
            super.commitSync(timeout);
            commitsMade.incrementAndGet();
          }
        };
      }

      @Override
      public Producer<String, byte[]> deadLetterProducer() {
        return new KafkaProducer<>(
            KafkaOutboxRelay.producerProperties(settings, consumerName + "-dlq")) {
          @Override
          public Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
            if (dlqFailuresLeft.getAndDecrement() > 0) {
              dlqFailuresThrown.incrementAndGet();
              return CompletableFuture.failedFuture(new TimeoutException("injected: DLQ away"));
            }
            return super.send(record);
          }
        };
      }
    };
  }

  private static KafkaSettings settingsFor(String bootstrapServers) {
    return new KafkaSettings(
        bootstrapServers, SharedTestInfrastructure.topicPrefix(ConsumerSurvivalTest.class));
  }

  private static IdempotentConsumer consumer(
      KafkaSettings settings, String name, IdempotentConsumer.Clients clients) {
    return consumer(settings, name, clients, IdempotentConsumer.COMMIT_INTERVAL);
  }

  private static IdempotentConsumer consumer(
      KafkaSettings settings,
      String name,
      IdempotentConsumer.Clients clients,
      Duration commitInterval) {
    var consumer =
        new IdempotentConsumer(
            new IdempotentConsumer.Setup(
                settings,
                database.transactions(),
                new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(100)),
                new MessagingMetrics(new SimpleMeterRegistry(), settings)),
            name,
            List.of("things"),
            HANDLER,
            clients,
            commitInterval);
    opened.add(consumer);
    return consumer.start();
  }

  private static KafkaProducer<String, byte[]> producer(KafkaSettings settings) {
    var producer =
        new KafkaProducer<String, byte[]>(
            KafkaOutboxRelay.producerProperties(settings, "test-producer"));
    opened.add(producer);
    return producer;
  }

  private static void send(KafkaProducer<String, byte[]> producer, KafkaSettings settings, String p)
      throws Exception {
    var record =
        new ProducerRecord<>(settings.topic("things"), "key", p.getBytes(StandardCharsets.UTF_8));
    EventHeaders.put(record.headers(), EventHeaders.EVENT_ID, UUID.randomUUID().toString());
    EventHeaders.put(record.headers(), EventHeaders.EVENT_TYPE, "Thing");
    producer.send(record).get(30, TimeUnit.SECONDS);
  }

  private static int effects(String payload) {
    return database
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT count(*) FROM effects WHERE payload = :p")
                    .bind("p", payload)
                    .mapTo(Integer.class)
                    .one());
  }

  private static void awaitEffect(String payload) {
    await(payload + " applied", WAIT, () -> effects(payload) > 0);
  }

  @Test
  void failedCommitsDoNotStopTheConsumerAndEachRecordIsAppliedOnce() throws Exception {
    var settings = settingsFor(SharedTestInfrastructure.kafka().bootstrapServers());
    var producer = producer(settings);
    commitFailuresThrown.set(0);
    commitFailuresLeft.set(3);
    var consumer =
        consumer(settings, "commit-survivor", failingOnDemand(settings, "commit-survivor"));

    send(producer, settings, "commit-1");
    awaitEffect("commit-1");
    await("three failed commits", WAIT, () -> commitFailuresThrown.get() == 3);
    send(producer, settings, "commit-2"); // same key: same partition, after commit-1
    awaitEffect("commit-2");

    assertThat(effects("commit-1")).isEqualTo(1);
    assertThat(effects("commit-2")).isEqualTo(1);
    assertThat(consumer.health()).isEqualTo(Health.HEALTHY);
  }

  @Test
  void positionsAreCommittedOnATimerNotAfterEveryPoll() throws Exception {
    var settings = settingsFor(SharedTestInfrastructure.kafka().bootstrapServers());
    var producer = producer(settings);
    consumer(settings, "timed-committer", failingOnDemand(settings, "timed-committer"));
    send(producer, settings, "timed-warm-up"); // and whatever earlier tests left in the topic
    awaitEffect("timed-warm-up");
    commitsMade.set(0);
    long started = System.nanoTime();
    for (int i = 0; i < 20; i++) {
      send(producer, settings, "timed-" + i);
      awaitEffect("timed-" + i); // one record per poll
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    // after every poll this would be 20 commits; on the timer, one per interval begun
    long intervals = (long) Math.ceil(seconds / IdempotentConsumer.COMMIT_INTERVAL.toSeconds());
    assertThat(commitsMade.get()).isLessThanOrEqualTo((int) intervals + 1);
    for (int i = 0; i < 20; i++) {
      assertThat(effects("timed-" + i)).isEqualTo(1);
    }
  }

  @Test
  void aConsumerThatClosesCommitsWhatItHandledBeforeTheTimerWould() throws Exception {
    var settings = settingsFor(SharedTestInfrastructure.kafka().bootstrapServers());
    var producer = producer(settings);
    var consumer =
        consumer(
            settings,
            "closing-committer",
            failingOnDemand(settings, "closing-committer"),
            Duration.ofHours(1));
    send(producer, settings, "closing-1");
    awaitEffect("closing-1");
    consumer.close();

    String topic = settings.topic("things");
    try (var admin =
            Admin.create(
                Map.<String, Object>of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers()));
        var reader =
            new KafkaConsumer<String, byte[]>(
                Map.<String, Object>of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers()),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
      var committed =
          admin
              .listConsumerGroupOffsets(settings.topicPrefix() + "closing-committer")
              .partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS);
      var partitions =
          reader.partitionsFor(topic).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      var ends = reader.endOffsets(partitions);
      for (var partition : partitions) {
        if (ends.get(partition) > 0) {
          assertThat(committed.get(partition))
              .as("committed offset of %s", partition)
              .isNotNull()
              .extracting(OffsetAndMetadata::offset)
              .isEqualTo(ends.get(partition));
        }
      }
    }
  }

  @Test
  void aBrokenClientIsReplacedAndTheNewOneResumesWhereTheOldOneCommitted() throws Exception {
    var settings = settingsFor(SharedTestInfrastructure.kafka().bootstrapServers());
    var producer = producer(settings);
    pollFailuresLeft.set(0);
    consumersCreated.set(0);
    var consumer = consumer(settings, "poll-survivor", failingOnDemand(settings, "poll-survivor"));
    send(producer, settings, "poll-1");
    awaitEffect("poll-1");

    pollFailuresLeft.set(2);
    await("two replaced clients", WAIT, () -> consumersCreated.get() == 3);
    send(producer, settings, "poll-2");
    awaitEffect("poll-2");

    assertThat(consumersCreated.get()).isEqualTo(3);
    assertThat(effects("poll-1")).isEqualTo(1);
    assertThat(effects("poll-2")).isEqualTo(1);
    assertThat(consumer.health()).isEqualTo(Health.HEALTHY);
  }

  @Test
  void aDlqThatCannotBeWrittenDelaysParkingButNeitherLosesNorDuplicatesTheRecord()
      throws Exception {
    var settings = settingsFor(SharedTestInfrastructure.kafka().bootstrapServers());
    var producer = producer(settings);
    dlqFailuresThrown.set(0);
    dlqFailuresLeft.set(2);
    var consumer = consumer(settings, "dlq-survivor", failingOnDemand(settings, "dlq-survivor"));
    try (var dlq = new TopicProbe(settings.bootstrapServers(), settings.topic("things.dlq"))) {
      send(producer, settings, "always-fails-parked-late");
      send(producer, settings, "after-the-parked-one"); // same partition: waits for the parking

      awaitEffect("after-the-parked-one");
      assertThat(dlqFailuresThrown.get()).isEqualTo(2);
      var parked =
          dlq.awaitRecords(records -> !records.isEmpty(), Duration.ofSeconds(20)).stream()
              .map(r -> new String(r.value(), StandardCharsets.UTF_8))
              .toList();
      assertThat(parked).containsExactly("always-fails-parked-late");
      assertThat(dlq.recordsWithin(Duration.ofSeconds(2))).hasSize(1);
      assertThat(effects("always-fails-parked-late")).isZero();
      assertThat(effects("after-the-parked-one")).isEqualTo(1);
      assertThat(consumer.health()).isEqualTo(Health.HEALTHY);
    }
  }

  @Test
  void aConsumerWhoseThreadDiedReportsUnhealthyWithTheCause() throws Exception {
    var settings = settingsFor(SharedTestInfrastructure.kafka().bootstrapServers());
    var producer = producer(settings);
    var consumer = consumer(settings, "dying", IdempotentConsumer.kafkaClients(settings, "dying"));
    send(producer, settings, "before-dying");
    awaitEffect("before-dying");
    assertThat(consumer.health()).isEqualTo(Health.HEALTHY);

    send(producer, settings, "fatal-1");
    await("the dead consumer reported", WAIT, () -> consumer.health() instanceof Health.Unhealthy);
    assertThat(consumer.health())
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.type(Health.Unhealthy.class))
        .extracting(Health.Unhealthy::reason)
        .asString()
        .contains("dying", "not running", "a bug no retry can help");
    assertThat(effects("fatal-1")).isZero();
  }

  @Test
  void aBrokerRestartedUnderACommitLosesNothingAndAppliesNothingTwice() throws Exception {
    var broker = EmbeddedKafkaBroker.startCreatingTopicsOnUse(null, FreePorts.next());
    opened.add(broker);
    var settings = settingsFor(broker.bootstrapServers());
    var consumer =
        consumer(
            settings,
            "restart-survivor",
            IdempotentConsumer.kafkaClients(settings, "restart-survivor"));
    slowHandlerEntered = new CountDownLatch(1);
    slowHandlerReleased = new CountDownLatch(1);
    try (var producer =
        new KafkaProducer<String, byte[]>(
            KafkaOutboxRelay.producerProperties(settings, "before-restart"))) {
      send(producer, settings, "before-restart");
      awaitEffect("before-restart");
      send(producer, settings, "slow-across-the-outage");
      assertThat(slowHandlerEntered.await(30, TimeUnit.SECONDS)).isTrue();
    }

    broker.stop(); // the record is applied while the broker is away: its commit fails
    slowHandlerReleased.countDown();
    awaitEffect("slow-across-the-outage");
    await("the consumer to notice the outage", WAIT, () -> !consumer.lastProblem().equals("none"));
    broker.restart();

    var producer = producer(settings);
    for (int i = 0; i < 5; i++) {
      send(producer, settings, "after-restart-" + i);
    }
    for (int i = 0; i < 5; i++) {
      awaitEffect("after-restart-" + i);
    }
    for (int i = 0; i < 5; i++) {
      assertThat(effects("after-restart-" + i)).isEqualTo(1);
    }
    assertThat(effects("before-restart")).isEqualTo(1);
    assertThat(effects("slow-across-the-outage")).isEqualTo(1);
    assertThat(consumer.health()).isEqualTo(Health.HEALTHY);
  }
}
