package orderpay.adapters.postgres.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import orderpay.adapters.postgres.Database;
import orderpay.adapters.postgres.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InboxRetentionTest {
  private static Database database;

  @BeforeAll
  static void migrate() {
    database = PostgresTestDatabase.open(InboxRetentionTest.class, "user");
  }

  @AfterAll
  static void close() {
    database.close();
  }

  private static UUID received(String consumer, Instant at) {
    var id = UUID.randomUUID();
    database
        .jdbi()
        .useHandle(
            h -> {
              assertThat(Inbox.firstDelivery(h, consumer, id, "t")).isTrue();
              h.createUpdate("UPDATE inbox SET processed_at = :at WHERE event_id = :id")
                  .bind("at", at)
                  .bind("id", id)
                  .execute();
            });
    return id;
  }

  @Test
  void rowsPastTheRetentionAreForgottenAndNewerOnesStillCatchRedeliveries() {
    var now = Instant.parse("2026-12-03T12:00:00Z");
    var old = received("c", now.minus(Duration.ofDays(15)));
    var recent = received("c", now.minus(Duration.ofDays(13)));
    var retention =
        new InboxRetention(database.jdbi(), Duration.ofDays(14), Clock.fixed(now, ZoneOffset.UTC));

    assertThat(retention.forgetOneBatch()).isEqualTo(1);
    assertThat(retention.forgetOneBatch()).isZero();
    database
        .jdbi()
        .useHandle(
            h -> {
              assertThat(Inbox.firstDelivery(h, "c", recent, "t")).as("redelivery").isFalse();
              assertThat(Inbox.firstDelivery(h, "c", old, "t")).as("forgotten").isTrue();
            });
  }

  @Test
  void aRetentionShorterThanADayIsRefused() {
    assertThatThrownBy(
            () -> new InboxRetention(database.jdbi(), Duration.ofHours(1), Clock.systemUTC()))
        .hasMessageContaining("INBOX_RETENTION");
  }
}
