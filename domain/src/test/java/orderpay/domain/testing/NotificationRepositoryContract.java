package orderpay.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import orderpay.domain.notification.Lease;
import orderpay.domain.notification.Notification;
import orderpay.domain.notification.NotificationRepository;
import orderpay.domain.notification.NotificationRepository.Sent;
import orderpay.domain.notification.NotificationStatus;
import orderpay.domain.notification.Template;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link NotificationRepository} must do; run against the fake and PostgreSQL. */
public abstract class NotificationRepositoryContract {
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(60);
  private final UserId mia = new UserId(UUID.randomUUID());
  private NotificationRepository notifications;

  /** A repository holding no messages. */
  protected abstract NotificationRepository emptyRepository();

  @BeforeEach
  void setUp() {
    notifications = emptyRepository();
  }

  private static Lease lease(Instant from) {
    return new Lease(UUID.randomUUID(), from.plus(LEASE));
  }

  /** A pending message to {@code mia} about {@code order}, recorded at {@code at}. */
  private Notification recorded(String channel, OrderId order, Instant at) {
    var message =
        new Notification(
            UUID.randomUUID(),
            mia,
            order,
            channel,
            channel.equals("sms") ? Template.SMS : Template.CUSTOM,
            channel.equals("sms") ? "+4915100000000" : null,
            "Hello",
            "Hi",
            "<p>Hi</p>",
            NotificationStatus.PENDING,
            0,
            null,
            at,
            null);
    notifications.addIfAbsent(message, message.id().toString(), Optional.empty());
    return message;
  }

  private Notification email(Instant at) {
    return recorded("email", null, at);
  }

  /** The lease under which everything due at T0 is claimed now. */
  private Lease claimedAtT0() {
    var lease = lease(T0);
    notifications.claimDue(T0, lease, 10);
    return lease;
  }

  private Notification now(Notification message) {
    return notifications.findByDedupKey(message.id().toString()).orElseThrow();
  }

  @Test
  void aMessageIsRecordedOncePerDedupKeyAndFoundByIt() {
    var first = email(T0);
    var again =
        new Notification(
            UUID.randomUUID(),
            mia,
            null,
            "email",
            Template.CUSTOM,
            null,
            "Other",
            "",
            "",
            NotificationStatus.PENDING,
            0,
            null,
            T0,
            null);
    assertThat(notifications.addIfAbsent(again, first.id().toString(), Optional.empty())).isFalse();
    assertThat(now(first)).isEqualTo(first);
    assertThat(notifications.findByDedupKey("no such key")).isEmpty();
  }

  @Test
  void dueEmailsAreClaimedOldestFirstUpToTheLimitAndSmsNever() {
    var newer = email(T0.minusSeconds(10));
    var older = email(T0.minusSeconds(20));
    email(T0.plusSeconds(1)); // not due yet
    recorded("sms", null, T0.minusSeconds(30));

    assertThat(notifications.claimDue(T0, lease(T0), 1)).containsExactly(older);
    assertThat(notifications.claimDue(T0, lease(T0), 10)).containsExactly(newer);
    assertThat(notifications.claimDue(T0, lease(T0), 10)).as("both are held").isEmpty();
  }

  @Test
  void aHeldMessageIsClaimedByNoOtherLeaseUntilItsHolderStopsRenewing() {
    var message = email(T0);
    var first = lease(T0);
    assertThat(notifications.claimDue(T0, first, 10)).containsExactly(message);
    var second = lease(T0.plusSeconds(30));
    assertThat(notifications.claim(message.id(), T0.plusSeconds(30), second)).isFalse();
    var renewed = new Lease(first.token(), T0.plusSeconds(90));
    assertThat(notifications.claim(message.id(), T0.plusSeconds(30), renewed)).isTrue();

    assertThat(notifications.claimDue(T0.plusSeconds(89), second, 10)).isEmpty();
    assertThat(notifications.claim(message.id(), T0.plusSeconds(90), second)).isTrue();
    assertThat(notifications.markSent(message.id(), renewed, "mia@example.com", T0)).isFalse();
    assertThat(notifications.claim(UUID.randomUUID(), T0, second)).isFalse();
  }

  @Test
  void onlyTheHolderMarksAMessageSentOnceAndASentMessageIsNeverClaimedAgain() {
    var message = email(T0);
    var holder = claimedAtT0();
    var sentAt = T0.plusSeconds(1);
    assertThat(notifications.markSent(message.id(), lease(T0), "x@example.com", sentAt)).isFalse();
    assertThat(notifications.markSent(message.id(), holder, "mia@example.com", sentAt)).isTrue();
    assertThat(notifications.markSent(message.id(), holder, "mia@example.com", sentAt)).isFalse();

    var sent = now(message);
    assertThat(sent.status()).isEqualTo(NotificationStatus.SENT);
    assertThat(sent.recipient()).isEqualTo("mia@example.com");
    assertThat(sent.sentAt()).isEqualTo(sentAt);
    assertThat(sent.attempts()).isEqualTo(1);
    assertThat(notifications.claim(message.id(), T0.plus(Duration.ofDays(1)), holder)).isFalse();
    assertThat(notifications.claimDue(T0.plus(Duration.ofDays(1)), lease(T0), 10)).isEmpty();
  }

  @Test
  void aBatchIsMarkedSentOnlyWhereItsLeaseStillHolds() {
    var kept = email(T0);
    var lost = email(T0);
    var first = lease(T0);
    notifications.claimDue(T0, first, 10);
    var later = T0.plus(LEASE);
    assertThat(notifications.claim(lost.id(), later, lease(later))).isTrue(); // taken over

    int marked =
        notifications.markAllSent(
            List.of(new Sent(kept.id(), "kept@example.com"), new Sent(lost.id(), "lost@x.org")),
            first,
            later);
    assertThat(marked).isEqualTo(1);
    assertThat(now(kept).recipient()).isEqualTo("kept@example.com");
    assertThat(now(lost).status()).isEqualTo(NotificationStatus.PENDING);
    assertThat(notifications.markAllSent(List.of(), first, later)).isZero();
  }

  @Test
  void aRetryLetsTheLeaseGoUntilTheNextAttemptAndAFailureFinishesTheMessage() {
    var message = email(T0);
    var first = claimedAtT0();
    var next = T0.plusSeconds(5);
    assertThat(notifications.scheduleRetry(message.id(), first, 1, "smtp down", next)).isTrue();
    assertThat(now(message).attempts()).isEqualTo(1);
    assertThat(now(message).lastError()).isEqualTo("smtp down");
    assertThat(notifications.markSent(message.id(), first, "mia@example.com", T0)).isFalse();
    assertThat(notifications.claimDue(next.minusSeconds(1), lease(T0), 10)).isEmpty();

    var second = lease(next);
    assertThat(notifications.claimDue(next, second, 10))
        .extracting(Notification::id)
        .containsExactly(message.id());
    assertThat(notifications.markFailed(message.id(), first, 2, "late")).isFalse();
    assertThat(notifications.markFailed(message.id(), second, 2, "bounced")).isTrue();
    assertThat(now(message).status()).isEqualTo(NotificationStatus.FAILED);
    assertThat(now(message).attempts()).isEqualTo(2);
    assertThat(now(message).lastError()).isEqualTo("bounced");
    assertThat(notifications.scheduleRetry(message.id(), second, 3, "again", next)).isFalse();
    assertThat(notifications.claim(message.id(), next.plus(LEASE), lease(next))).isFalse();
  }

  @Test
  void aUsersMessagesAreListedNewestFirstOptionallyForOneOrder() {
    var order = new OrderId(UUID.randomUUID());
    var oldest = recorded("email", order, T0);
    var middle = recorded("sms", null, T0.plusSeconds(1));
    var newest = recorded("email", order, T0.plusSeconds(2));
    notifications.addIfAbsent(
        new Notification(
            UUID.randomUUID(),
            new UserId(UUID.randomUUID()),
            order,
            "email",
            Template.CUSTOM,
            null,
            "Not Mia's",
            "",
            "",
            NotificationStatus.PENDING,
            0,
            null,
            T0,
            null),
        "someone else's",
        Optional.empty());

    assertThat(notifications.listForUser(mia, Optional.empty(), 10))
        .containsExactly(newest, middle, oldest);
    assertThat(notifications.listForUser(mia, Optional.empty(), 2)).containsExactly(newest, middle);
    assertThat(notifications.listForUser(mia, Optional.of(order), 10))
        .containsExactly(newest, oldest);
    assertThat(notifications.listForUser(new UserId(UUID.randomUUID()), Optional.empty(), 10))
        .isEmpty();
  }
}
