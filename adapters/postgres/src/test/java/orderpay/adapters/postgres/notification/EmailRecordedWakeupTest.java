package orderpay.adapters.postgres.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import orderpay.adapters.postgres.Database;
import orderpay.adapters.postgres.PostgresTestDatabase;
import orderpay.domain.notification.Notification;
import orderpay.domain.notification.NotificationStatus;
import orderpay.domain.notification.Template;
import orderpay.domain.user.UserId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dispatcher is woken by a new email only once it is committed, and only by a new email. */
class EmailRecordedWakeupTest {
  private static Database database;
  private static final AtomicInteger rang = new AtomicInteger();
  private static JdbiNotificationRepository repository;

  @BeforeAll
  static void open() {
    database = PostgresTestDatabase.open(EmailRecordedWakeupTest.class, "notification");
    repository = new JdbiNotificationRepository(database.transactions(), rang::incrementAndGet);
  }

  @AfterAll
  static void close() {
    database.close();
  }

  private static Notification message(String channel, Template template) {
    return new Notification(
        UUID.randomUUID(),
        new UserId(UUID.randomUUID()),
        null,
        channel,
        template,
        channel.equals("sms") ? "+4915100000000" : "mia@example.com",
        "Hello",
        "Hi",
        "<p>Hi</p>",
        NotificationStatus.PENDING,
        0,
        null,
        Instant.now().truncatedTo(ChronoUnit.MICROS),
        null);
  }

  @Test
  void aNewEmailWakesTheDispatcherAfterItsCommitAndNeverOnRollbackOrDuplicate() {
    int before = rang.get();
    String key = "wake-" + UUID.randomUUID();
    database
        .transactions()
        .run(
            () -> {
              assertThat(
                      repository.addIfAbsent(
                          message("email", Template.CUSTOM), key, Optional.empty()))
                  .isTrue();
              assertThat(rang.get()).as("not before the commit").isEqualTo(before);
            });
    assertThat(rang.get()).isEqualTo(before + 1);

    database
        .transactions()
        .run(
            () ->
                assertThat(
                        repository.addIfAbsent(
                            message("email", Template.CUSTOM), key, Optional.empty()))
                    .as("the same message again")
                    .isFalse());
    assertThatThrownBy(
            () ->
                database
                    .transactions()
                    .run(
                        () -> {
                          repository.addIfAbsent(
                              message("email", Template.CUSTOM),
                              "rolled-back-" + UUID.randomUUID(),
                              Optional.empty());
                          throw new IllegalStateException("the consumer failed after recording");
                        }))
        .hasMessageContaining("failed after recording");
    database
        .transactions()
        .run(
            () ->
                repository.addIfAbsent(
                    message("sms", Template.SMS), "sms-" + UUID.randomUUID(), Optional.empty()));
    assertThat(rang.get())
        .as("a duplicate, a rollback and an SMS wake nobody")
        .isEqualTo(before + 1);
  }
}
