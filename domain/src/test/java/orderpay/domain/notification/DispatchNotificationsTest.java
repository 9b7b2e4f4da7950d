package orderpay.domain.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import orderpay.domain.testing.ImmediateTransactions;
import orderpay.domain.testing.InMemoryNotificationRepository;
import orderpay.domain.testing.MutableClock;
import orderpay.domain.user.Email;
import org.junit.jupiter.api.Test;

/** Sending with retries and backoff, failing into the dead letters: over fakes. */
class DispatchNotificationsTest {
  private final NotificationFixture fixture = new NotificationFixture();
  private final InMemoryNotificationRepository store = fixture.store;
  private final MutableClock clock = fixture.clock;
  private final List<EmailMessage> sent = new ArrayList<>();
  private final List<UUID> parked = new ArrayList<>();
  private boolean smtpUp = true;
  private int lookups;
  private final java.util.Set<String> refusedSubjects = new java.util.HashSet<>();
  private final DispatchNotifications dispatching =
      new DispatchNotifications(
          store,
          user -> {
            lookups++;
            return Optional.of(new Recipient(Email.parse("mia@example.com"), "Mia <M>"));
          },
          message -> {
            if (!smtpUp || refusedSubjects.contains(message.subject())) {
              throw new IllegalStateException("connection refused");
            }
            sent.add(message);
          },
          (id, reason) -> parked.add(id),
          new ImmediateTransactions(),
          fixture.leases,
          clock,
          new DispatchNotifications.Policy(
              3, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(60)));

  private Notification confirmation(String eventId) {
    return fixture.confirmation(eventId);
  }

  @Test
  void anEventIsRecordedOnceAndSentPersonalisedWithItsNameEscapedInHtml() {
    var first = confirmation("evt-1");
    var again =
        fixture.recording.record(
            new SourceEvent("evt-1", "order.created", "k", "OrderCreated", new byte[0]),
            Template.ORDER_CONFIRMATION,
            fixture.mia,
            first.orderId(),
            EmailTemplates.welcome());
    assertThat(again.id()).isEqualTo(first.id());
    dispatching.dispatchDue(10);
    assertThat(sent)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.to().value()).isEqualTo("mia@example.com");
              assertThat(m.messageId()).isEqualTo(first.id().toString());
              assertThat(m.textBody())
                  .contains("Hello Mia <M>,")
                  .contains("2 x Teapot at 12.50 EUR = 25.00 EUR");
              assertThat(m.htmlBody()).contains("Mia &lt;M&gt;").doesNotContain("Mia <M>");
            });
    dispatching.dispatchDue(10);
    assertThat(sent).hasSize(1);
  }

  @Test
  void aBatchAsksForEachRecipientOnceAndOneRefusedMessageHoldsUpNoOther() {
    var first = confirmation("evt-b1");
    var second = confirmation("evt-b2");
    var third = confirmation("evt-b3");
    refusedSubjects.add(second.subject() + "-never"); // none refused yet
    assertThat(dispatching.dispatchDue(10)).isEqualTo(3);
    assertThat(sent).hasSize(3);
    assertThat(lookups).as("one user-service call for the customer's three messages").isEqualTo(1);
    for (var note : List.of(first, second, third)) {
      assertThat(store.byKey.values())
          .filteredOn(n -> n.id().equals(note.id()))
          .singleElement()
          .satisfies(n -> assertThat(n.status()).isEqualTo(NotificationStatus.SENT));
    }

    var fine = fixture.welcomeFor("evt-b4");
    var refused = confirmation("evt-b5");
    refusedSubjects.add(refused.subject());
    sent.clear();
    dispatching.dispatchDue(10);
    assertThat(sent).extracting(EmailMessage::messageId).containsExactly(fine.id().toString());
    assertThat(store.byKey.get("evt-b4:welcome").status()).isEqualTo(NotificationStatus.SENT);
    assertThat(store.byKey.get("evt-b5:order_confirmation").status())
        .isEqualTo(NotificationStatus.PENDING);
    assertThat(store.byKey.get("evt-b5:order_confirmation").attempts()).isEqualTo(1);
  }

  @Test
  void anOutageIsRetriedWithBackoffAndTheMessageGoesOutOnceItIsOver() {
    var note = confirmation("evt-2");
    smtpUp = false;
    dispatching.dispatchDue(10);
    dispatching.dispatchDue(10); // not due yet: backoff
    assertThat(store.byKey.get("evt-2:order_confirmation").attempts()).isEqualTo(1);
    smtpUp = true;
    clock.advance(Duration.ofSeconds(1));
    dispatching.dispatchDue(10);
    assertThat(sent).hasSize(1);
    assertThat(store.byKey.get("evt-2:order_confirmation").status())
        .isEqualTo(NotificationStatus.SENT);
    assertThat(parked).isEmpty();
    assertThat(note.status()).isEqualTo(NotificationStatus.PENDING);
  }

  @Test
  void afterTheLastAttemptTheMessageFailsAndItsEventIsParked() {
    var note = confirmation("evt-3");
    smtpUp = false;
    for (int i = 0; i < 3; i++) {
      dispatching.dispatchDue(10);
      clock.advance(Duration.ofSeconds(10));
    }
    assertThat(store.byKey.get("evt-3:order_confirmation").status())
        .isEqualTo(NotificationStatus.FAILED);
    assertThat(parked).containsExactly(note.id());
    smtpUp = true;
    dispatching.dispatchDue(10);
    assertThat(sent).isEmpty();
  }
}
