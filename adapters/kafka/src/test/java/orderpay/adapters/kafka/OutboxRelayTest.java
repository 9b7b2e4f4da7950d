package orderpay.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import orderpay.adapters.postgres.Database;
import orderpay.adapters.postgres.PostgresTestDatabase;
import orderpay.adapters.postgres.UuidV7Generator;
import orderpay.adapters.postgres.messaging.EventSerializer;
import orderpay.adapters.postgres.messaging.OutboxEventPublisher;
import orderpay.adapters.postgres.messaging.OutboxStore;
import orderpay.devstack.SharedTestInfrastructure;
import orderpay.devstack.TopicProbe;
import orderpay.domain.shared.DomainEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The relay against the real broker: committed events arrive once, rolled-back ones never. */
class OutboxRelayTest {
  record Happened(String aggregateId, Instant occurredAt) implements DomainEvent {}

  private static Database database;
  private static KafkaSettings settings;
  private static OutboxEventPublisher publisher;
  private static KafkaOutboxRelay relay;

  @BeforeAll
  static void start() {
    database = PostgresTestDatabase.open(OutboxRelayTest.class, "user");
    settings =
        new KafkaSettings(
            SharedTestInfrastructure.kafka().bootstrapServers(),
            SharedTestInfrastructure.topicPrefix(OutboxRelayTest.class));
    publisher =
        new OutboxEventPublisher(
            database.transactions(),
            event ->
                new EventSerializer.Serialized(
                    "thing.happened",
                    "Happened",
                    event.aggregateId().getBytes(StandardCharsets.UTF_8)),
            new UuidV7Generator(java.time.Clock.systemUTC()),
            settings.topicPrefix());
    relay =
        new KafkaOutboxRelay(
                database,
                settings,
                "relay-test",
                new MessagingMetrics(
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), settings))
            .start();
  }

  @AfterAll
  static void stop() {
    relay.close();
    database.close();
  }

  @Test
  void committedEventsArriveExactlyOnceAndRolledBackOnesNever() {
    try (var probe =
        new TopicProbe(settings.bootstrapServers(), settings.topic("thing.happened"))) {
      database
          .transactions()
          .run(() -> publisher.publish(new Happened("committed-1", Instant.now())));
      assertThatThrownBy(
              () ->
                  database
                      .transactions()
                      .run(
                          () -> {
                            publisher.publish(new Happened("rolled-back", Instant.now()));
                            throw new IllegalStateException("rollback");
                          }))
          .isInstanceOf(IllegalStateException.class);
      database
          .transactions()
          .run(() -> publisher.publish(new Happened("committed-2", Instant.now())));

      probe.awaitRecords(records -> records.size() >= 2, Duration.ofSeconds(20));
      // keep listening a little longer: a duplicate or the rolled-back event must not show up
      // other tests of this class share the topic: look only at this test's keys
      var records =
          probe.recordsWithin(Duration.ofSeconds(2)).stream()
              .filter(r -> r.key().startsWith("committed-") || r.key().equals("rolled-back"))
              .toList();

      assertThat(records)
          .extracting(r -> r.key())
          .containsExactlyInAnyOrder("committed-1", "committed-2");
      assertThat(records)
          .allSatisfy(
              r -> {
                assertThat(EventHeaders.get(r.headers(), EventHeaders.EVENT_ID)).isPresent();
                assertThat(EventHeaders.get(r.headers(), EventHeaders.EVENT_TYPE))
                    .contains("Happened");
                // the CloudEvents Kafka binding, binary mode
                assertThat(EventHeaders.get(r.headers(), EventHeaders.CE_SPECVERSION))
                    .contains("1.0");
                assertThat(EventHeaders.get(r.headers(), EventHeaders.CE_ID))
                    .isEqualTo(EventHeaders.get(r.headers(), EventHeaders.EVENT_ID));
                assertThat(EventHeaders.get(r.headers(), EventHeaders.CE_SOURCE))
                    .contains("/orderpay/relay-test");
                assertThat(EventHeaders.get(r.headers(), EventHeaders.CE_TYPE))
                    .contains("dev.orderpay.Happened");
                assertThat(EventHeaders.get(r.headers(), EventHeaders.CE_TIME))
                    .hasValueSatisfying(time -> assertThat(Instant.parse(time)).isNotNull());
                assertThat(EventHeaders.get(r.headers(), EventHeaders.CE_SUBJECT))
                    .contains(r.key());
                assertThat(EventHeaders.get(r.headers(), EventHeaders.CONTENT_TYPE))
                    .contains("application/protobuf");
              });
      assertThat(database.jdbi().withHandle(OutboxStore::pending)).isZero();
    }
  }

  @Test
  void aNotificationWakesTheRelayWithinMilliseconds() {
    try (var probe =
        new TopicProbe(settings.bootstrapServers(), settings.topic("thing.happened"))) {
      probe.recordsWithin(Duration.ofMillis(500)); // join the group and skip earlier tests' events
      long started = System.nanoTime();
      database.transactions().run(() -> publisher.publish(new Happened("fast", Instant.now())));
      var records =
          probe.awaitRecords(
              rs -> rs.stream().anyMatch(r -> r.key().equals("fast")), Duration.ofSeconds(10));
      long millis = (System.nanoTime() - started) / 1_000_000;
      assertThat(records).anyMatch(r -> r.key().equals("fast"));
      System.out.printf("outbox commit -> consumer: %d ms%n", millis);
    }
  }
}
