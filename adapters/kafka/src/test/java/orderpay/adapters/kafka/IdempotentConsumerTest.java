package orderpay.adapters.kafka;

import static orderpay.domain.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import orderpay.adapters.postgres.Database;
import orderpay.adapters.postgres.PostgresTestDatabase;
import orderpay.devstack.SharedTestInfrastructure;
import orderpay.devstack.TopicProbe;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Redelivery is applied once; a poison or ever-failing message is parked and the loop goes on. */
class IdempotentConsumerTest {
  private static Database database;
  private static KafkaSettings settings;
  private static KafkaProducer<String, byte[]> producer;
  private static IdempotentConsumer consumer;
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private static final AtomicInteger handlerCalls = new AtomicInteger();
  private static final AtomicInteger outageFailures = new AtomicInteger();
  private static final java.util.concurrent.atomic.AtomicBoolean fixed =
      new java.util.concurrent.atomic.AtomicBoolean();

  @BeforeAll
  static void start() {
    database = PostgresTestDatabase.open(IdempotentConsumerTest.class, "user");
    database.jdbi().useHandle(h -> h.execute("CREATE TABLE effects (payload text NOT NULL)"));
    settings =
        new KafkaSettings(
            SharedTestInfrastructure.kafka().bootstrapServers(),
            SharedTestInfrastructure.topicPrefix(IdempotentConsumerTest.class));
    producer = new KafkaProducer<>(KafkaOutboxRelay.producerProperties(settings, "test-producer"));
    EventHandler handler =
        event -> {
          handlerCalls.incrementAndGet();
          String payload = new String(event.payload(), StandardCharsets.UTF_8);
          if (payload.startsWith("fixable") && !fixed.get()) {
            throw new IllegalStateException("not yet: " + payload);
          }
          if (payload.startsWith("always-fails")) {
            throw new IllegalStateException("downstream refuses " + payload);
          }
          if (payload.startsWith("outage") && outageFailures.incrementAndGet() <= 5) {
            // more failures than the retry policy allows: only an outage may outlast it
            throw new IllegalStateException(
                new java.sql.SQLTransientConnectionException("database away"));
          }
          database
              .transactions()
              .requireTransaction()
              .createUpdate("INSERT INTO effects (payload) VALUES (:p)")
              .bind("p", payload)
              .execute();
        };
    consumer =
        new IdempotentConsumer(
                new IdempotentConsumer.Setup(
                    settings,
                    database.transactions(),
                    new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50)),
                    new MessagingMetrics(registry, settings)),
                "effects-writer",
                java.util.List.of("things"),
                handler)
            .start();
  }

  @AfterAll
  static void stop() {
    consumer.close();
    producer.close();
    database.close();
  }

  private static void send(UUID eventId, String payload) throws Exception {
    var record =
        new ProducerRecord<>(
            settings.topic("things"), "key", payload.getBytes(StandardCharsets.UTF_8));
    if (eventId != null) {
      EventHeaders.put(record.headers(), EventHeaders.EVENT_ID, eventId.toString());
    }
    EventHeaders.put(record.headers(), EventHeaders.EVENT_TYPE, "Thing");
    producer.send(record).get();
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
  void theSameEventDeliveredTwiceIsAppliedOnce() throws Exception {
    UUID id = UUID.randomUUID();
    send(id, "twice");
    send(id, "twice");
    send(UUID.randomUUID(), "marker-after-twice");
    awaitEffect("marker-after-twice"); // partition order: both copies were handled before it
    assertThat(effects("twice")).isEqualTo(1);
  }

  @Test
  void theRecordsOfOnePollShareOneTransactionAndStillApplyOnceEach() throws Exception {
    database
        .jdbi()
        .useHandle(
            h -> h.execute("CREATE TABLE batched (payload text NOT NULL, tx bigint NOT NULL)"));
    var duplicate = UUID.randomUUID();
    for (int i = 0;
        i < 6;
        i++) { // all waiting before the consumer starts: its first poll takes them
      var record =
          new ProducerRecord<>(
              settings.topic("batched"),
              "key",
              ("batched-" + (i == 5 ? 4 : i)).getBytes(StandardCharsets.UTF_8));
      EventHeaders.put(
          record.headers(),
          EventHeaders.EVENT_ID,
          (i >= 4 ? duplicate : UUID.randomUUID()).toString()); // the last one is redelivered
      EventHeaders.put(record.headers(), EventHeaders.EVENT_TYPE, "Thing");
      producer.send(record).get();
    }
    EventHandler handler =
        event ->
            database
                .transactions()
                .requireTransaction()
                .createUpdate("INSERT INTO batched (payload, tx) VALUES (:p, txid_current())")
                .bind("p", new String(event.payload(), StandardCharsets.UTF_8))
                .execute();
    try (var batched =
        new IdempotentConsumer(
                new IdempotentConsumer.Setup(
                    settings,
                    database.transactions(),
                    new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50)),
                    new MessagingMetrics(new SimpleMeterRegistry(), settings)),
                "batch-writer",
                java.util.List.of("batched"),
                handler)
            .start()) {
      await("five batched rows", WAIT, () -> batchedRows("count(*)") >= 5);
      assertThat(batchedRows("count(*)")).isEqualTo(5); // 6 records, one of them a redelivery
      assertThat(batchedRows("count(DISTINCT payload)")).isEqualTo(5);
      assertThat(batchedRows("count(DISTINCT tx)"))
          .as("fewer transactions than records")
          .isLessThan(5);
    }
  }

  @Test
  void theLagGaugeShowsTheBacklogBehindWhatWasFetchedAndFallsToZero() throws Exception {
    for (int i = 0; i < 250; i++) { // more than one poll takes (200)
      var record = new ProducerRecord<>(settings.topic("backlog"), "key", new byte[0]);
      EventHeaders.put(record.headers(), EventHeaders.EVENT_ID, UUID.randomUUID().toString());
      producer.send(record);
    }
    producer.flush();
    var release = new java.util.concurrent.CountDownLatch(1);
    var lagging = new SimpleMeterRegistry();
    try (var slow =
        new IdempotentConsumer(
                new IdempotentConsumer.Setup(
                    settings,
                    database.transactions(),
                    new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50)),
                    new MessagingMetrics(lagging, settings)),
                "backlog-reader",
                java.util.List.of("backlog"),
                event -> release.await())
            .start()) {
      var lag = lagging.get("kafka.consumer.lag").tag("group", "backlog-reader").gauge();
      await("a lag above zero", WAIT, () -> lag.value() > 0);
      assertThat(lag.value()).as("the records behind the first poll").isBetween(50.0, 250.0);
      release.countDown();
      await("the lag back at zero", WAIT, () -> lag.value() == 0);
      assertThat(lag.value()).isZero();
    }
  }

  private static long batchedRows(String aggregate) {
    return database
        .jdbi()
        .withHandle(
            h -> h.createQuery("SELECT " + aggregate + " FROM batched").mapTo(Long.class).one());
  }

  @Test
  void poisonAndEverFailingMessagesLandInTheDlqAndLaterEventsStillFlow() throws Exception {
    try (var dlq = new TopicProbe(settings.bootstrapServers(), settings.topic("things.dlq"))) {
      send(null, "no-event-id");
      send(UUID.randomUUID(), "always-fails-1");
      send(UUID.randomUUID(), "after-the-poison");

      awaitEffect("after-the-poison");
      assertThat(effects("after-the-poison")).isEqualTo(1);

      var parked = dlq.awaitRecords(records -> records.size() >= 2, Duration.ofSeconds(20));
      assertThat(parked)
          .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
          .containsExactlyInAnyOrder("no-event-id", "always-fails-1");
      var failed =
          parked.stream()
              .filter(r -> new String(r.value(), StandardCharsets.UTF_8).equals("always-fails-1"))
              .findFirst()
              .orElseThrow();
      assertThat(EventHeaders.get(failed.headers(), EventHeaders.DLQ_ATTEMPTS)).contains("3");
      assertThat(EventHeaders.get(failed.headers(), EventHeaders.DLQ_ERROR))
          .hasValueSatisfying(e -> assertThat(e).contains("downstream refuses"));
      assertThat(effects("always-fails-1")).isZero();
      assertThat(registry.get("dlq.parked").tag("topic", "things.dlq").counter().count())
          .as("named without the test's topic prefix")
          .isEqualTo(2);
    }
  }

  @Test
  void anOutageLongerThanTheRetryBudgetIsWaitedOutNotParked() throws Exception {
    try (var dlq = new TopicProbe(settings.bootstrapServers(), settings.topic("things.dlq"))) {
      send(UUID.randomUUID(), "outage-1");
      awaitEffect("outage-1");
      assertThat(effects("outage-1")).isEqualTo(1);
      assertThat(outageFailures.get()).isGreaterThan(3);
      assertThat(dlq.recordsWithin(Duration.ofSeconds(1)))
          .noneMatch(r -> new String(r.value(), StandardCharsets.UTF_8).equals("outage-1"));
    }
  }

  @Test
  void aParkedMessageCanBeReplayedOnceTheCauseIsFixed() throws Exception {
    try (var dlq = new TopicProbe(settings.bootstrapServers(), settings.topic("things.dlq"))) {
      send(UUID.randomUUID(), "fixable-1");
      dlq.awaitRecords(
          rs ->
              rs.stream()
                  .anyMatch(r -> new String(r.value(), StandardCharsets.UTF_8).equals("fixable-1")),
          Duration.ofSeconds(20));
      assertThat(effects("fixable-1")).isZero();
    }
    fixed.set(true);
    assertThat(DeadLetterReplay.replay(settings, "things")).isPositive();
    awaitEffect("fixable-1");
    assertThat(effects("fixable-1")).isEqualTo(1);
    DeadLetterReplay.replay(settings, "things"); // nothing new parked: nothing replayed twice
    send(UUID.randomUUID(), "marker-after-replay");
    awaitEffect("marker-after-replay");
    assertThat(effects("fixable-1")).isEqualTo(1);
  }
}
