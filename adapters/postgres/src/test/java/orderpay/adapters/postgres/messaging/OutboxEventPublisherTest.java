package orderpay.adapters.postgres.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import orderpay.adapters.postgres.Database;
import orderpay.adapters.postgres.PostgresTestDatabase;
import orderpay.domain.shared.DomainEvent;
import orderpay.domain.testing.SequentialIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboxEventPublisherTest {
  private static Database database;
  private OutboxEventPublisher publisher;

  record Happened(String aggregateId, Instant occurredAt) implements DomainEvent {}

  @BeforeAll
  static void migrate() {
    database = PostgresTestDatabase.open(OutboxEventPublisherTest.class, "user");
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @BeforeEach
  void emptyOutbox() {
    database.jdbi().useHandle(h -> h.execute("DELETE FROM outbox"));
    publisher =
        new OutboxEventPublisher(
            database.transactions(),
            event ->
                new EventSerializer.Serialized(
                    "thing.happened",
                    "Happened",
                    event.aggregateId().getBytes(StandardCharsets.UTF_8)),
            new SequentialIds(),
            "test.");
  }

  @Test
  void anEventCommitsWithItsTransaction() {
    database.transactions().run(() -> publisher.publish(new Happened("agg-1", Instant.now())));
    var claimed = database.jdbi().inTransaction(h -> OutboxStore.claimBatch(h, 10));
    assertThat(claimed)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.topic()).isEqualTo("test.thing.happened");
              assertThat(m.key()).isEqualTo("agg-1");
              assertThat(new String(m.payload(), StandardCharsets.UTF_8)).isEqualTo("agg-1");
            });
  }

  @Test
  void aRolledBackTransactionLeavesNoEvent() {
    assertThatThrownBy(
            () ->
                database
                    .transactions()
                    .run(
                        () -> {
                          publisher.publish(
                              new Happened(UUID.randomUUID().toString(), Instant.now()));
                          throw new IllegalStateException("business rule failed after publishing");
                        }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(database.jdbi().withHandle(OutboxStore::pending)).isZero();
  }

  @Test
  void publishingOutsideATransactionIsRefused() {
    assertThatThrownBy(() -> publisher.publish(new Happened("agg-2", Instant.now())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("inTransaction");
  }

  @Test
  void listenersHearOfCommittedEventsOnlyAndOnlyAfterTheCommit() {
    var heard = new CopyOnWriteArrayList<String>();
    var listened =
        new OutboxEventPublisher(
            database.transactions(),
            event -> new EventSerializer.Serialized("thing.happened", "Happened", new byte[0]),
            new SequentialIds(),
            "test.",
            List.of(event -> heard.add(event.aggregateId())));

    database
        .transactions()
        .run(
            () -> {
              listened.publish(new Happened("kept", Instant.now()));
              assertThat(heard).as("not before the commit").isEmpty();
            });
    assertThatThrownBy(
            () ->
                database
                    .transactions()
                    .run(
                        () -> {
                          listened.publish(new Happened("rolled-back", Instant.now()));
                          throw new IllegalStateException("fails after publishing");
                        }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(heard).containsExactly("kept");
  }
}
