package orderpay.adapters.postgres.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import orderpay.adapters.postgres.Database;
import orderpay.adapters.postgres.PostgresTestDatabase;
import orderpay.adapters.postgres.UuidV7Generator;
import orderpay.domain.notification.DispatchNotifications;
import orderpay.domain.notification.EmailMessage;
import orderpay.domain.notification.Lease;
import orderpay.domain.notification.Leases;
import orderpay.domain.notification.Mailer;
import orderpay.domain.notification.Notification;
import orderpay.domain.notification.NotificationRepository;
import orderpay.domain.notification.NotificationStatus;
import orderpay.domain.notification.RecordNotification;
import orderpay.domain.notification.SendEmail;
import orderpay.domain.testing.MutableClock;
import orderpay.domain.user.UserId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two notification dispatchers (as two replicas would run them) on one real database: a message is
 * finished only by the dispatcher that holds its lease, and one whose lease was taken over is not
 * sent again by the one that lost it.
 */
class NotificationLeaseTest {
  private static final Duration LEASE = Duration.ofSeconds(60);
  private static Database database;
  private static JdbiNotificationRepository repository;
  private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
  private final UserId user = new UserId(UUID.randomUUID());
  private final UuidV7Generator ids = new UuidV7Generator(Clock.systemUTC());
  // built per test, after open(): the repository and its transactions exist by then
  private final SendEmail sendEmail =
      new SendEmail(new RecordNotification(repository, ids, clock), database.transactions(), ids);

  @BeforeAll
  static void open() {
    database = PostgresTestDatabase.open(NotificationLeaseTest.class, "notification");
    repository = new JdbiNotificationRepository(database.transactions());
  }

  @AfterAll
  static void close() {
    database.close();
  }

  private DispatchNotifications dispatcher(Mailer mailer) {
    return new DispatchNotifications(
        repository,
        id -> Optional.empty(),
        mailer,
        repository,
        database.transactions(),
        new Leases(ids, LEASE),
        clock,
        new DispatchNotifications.Policy(3, Duration.ofSeconds(1), Duration.ofSeconds(10), LEASE));
  }

  private Notification record(String key) {
    return sendEmail.send(
        key + "-" + UUID.randomUUID(), user, "mia@example.com", "Hello " + key, "Hi", "<p>Hi</p>");
  }

  private Notification reload(Notification n) {
    return repository.listForUser(user, Optional.empty(), 1000).stream()
        .filter(other -> other.id().equals(n.id()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void onlyTheLeaseHolderMarksAMessage() {
    var message = record("marking");
    var first = new Lease(UUID.randomUUID(), clock.instant().plus(LEASE));
    assertThat(repository.claimDue(clock.instant(), first, 100))
        .extracting(Notification::id)
        .contains(message.id());

    clock.advance(LEASE.plusSeconds(1));
    var second = new Lease(UUID.randomUUID(), clock.instant().plus(LEASE));
    assertThat(repository.claimDue(clock.instant(), second, 100))
        .extracting(Notification::id)
        .contains(message.id());

    assertThat(repository.claim(message.id(), clock.instant(), first)).isFalse();
    assertThat(repository.markSent(message.id(), first, "mia@example.com", clock.instant()))
        .isFalse();
    assertThat(repository.scheduleRetry(message.id(), first, 1, "late", clock.instant())).isFalse();
    assertThat(repository.markFailed(message.id(), first, 1, "late")).isFalse();
    assertThat(reload(message).status()).isEqualTo(NotificationStatus.PENDING);

    assertThat(repository.markSent(message.id(), second, "mia@example.com", clock.instant()))
        .isTrue();
    assertThat(reload(message).status()).isEqualTo(NotificationStatus.SENT);
    assertThat(repository.markSent(message.id(), second, "mia@example.com", clock.instant()))
        .isFalse();
  }

  @Test
  void aBatchIsMarkedInOneGoOnlyWhereItsLeaseStillHolds() {
    var kept = record("batch-kept");
    var lost = record("batch-lost");
    var first = new Lease(UUID.randomUUID(), clock.instant().plus(LEASE));
    assertThat(repository.claimDue(clock.instant(), first, 1000))
        .extracting(Notification::id)
        .contains(kept.id(), lost.id());
    clock.advance(LEASE.plusSeconds(1));
    var other = new Lease(UUID.randomUUID(), clock.instant().plus(LEASE));
    assertThat(repository.claim(lost.id(), clock.instant(), other)).isTrue(); // taken over
    assertThat(repository.claim(kept.id(), clock.instant(), first)).isTrue(); // renewed

    int marked =
        repository.markAllSent(
            List.of(
                new NotificationRepository.Sent(kept.id(), "kept@example.com"),
                new NotificationRepository.Sent(lost.id(), "lost@example.com")),
            first,
            clock.instant());

    assertThat(marked).isEqualTo(1);
    assertThat(reload(kept).status()).isEqualTo(NotificationStatus.SENT);
    assertThat(reload(kept).recipient()).isEqualTo("kept@example.com");
    assertThat(reload(kept).sentAt()).isNotNull();
    assertThat(reload(kept).attempts()).isEqualTo(1);
    assertThat(reload(lost).status()).isEqualTo(NotificationStatus.PENDING);
  }

  @Test
  void aDispatcherThatLostItsLeaseDoesNotSendWhatTheOtherTookOver() throws Exception {
    var sentByA = new CopyOnWriteArrayList<EmailMessage>();
    var sentByB = new CopyOnWriteArrayList<EmailMessage>();
    var aIsSending = new CountDownLatch(1);
    var releaseA = new CountDownLatch(1);
    var a =
        dispatcher(
            message -> {
              sentByA.add(message);
              aIsSending.countDown();
              await(releaseA); // a frozen replica, or an SMTP server answering very slowly
            });
    var b = dispatcher(sentByB::add);
    // drain anything an earlier test left due, so both dispatchers see exactly these two
    b.dispatchDue(1000);
    sentByB.clear();
    var first = record("first");
    var second = record("second");

    try (var pool = Executors.newSingleThreadExecutor()) {
      var dispatchA = pool.submit(() -> a.dispatchDue(10));
      await(aIsSending);

      clock.advance(LEASE.plusSeconds(1));
      assertThat(b.dispatchDue(10)).isEqualTo(2);
      assertThat(sentByB)
          .extracting(EmailMessage::messageId)
          .containsExactlyInAnyOrder(first.id().toString(), second.id().toString());

      releaseA.countDown();
      assertThat(dispatchA.get(30, TimeUnit.SECONDS)).isEqualTo(2);
    }

    // A's first send was already on the wire when it lost the lease; the other one it leaves alone
    assertThat(sentByA).hasSize(1);
    assertThat(List.of(reload(first).status(), reload(second).status()))
        .containsOnly(NotificationStatus.SENT);
    assertThat(reload(first).attempts()).isEqualTo(1);
    assertThat(reload(second).attempts()).isEqualTo(1);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new AssertionError("latch not released in 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
