package orderpay.domain.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import orderpay.domain.money.Money;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.OrderId;
import orderpay.domain.testing.ImmediateTransactions;
import orderpay.domain.testing.InMemoryNotificationRepository;
import orderpay.domain.testing.MutableClock;
import orderpay.domain.testing.SequentialIds;
import orderpay.domain.user.Email;
import orderpay.domain.user.UserId;
import org.junit.jupiter.api.Test;

/** Recording once, sending with retries and backoff, failing into the dead letters: over fakes. */
class NotificationsTest {
  private final MutableClock clock = MutableClock.startingAt("2026-05-01T09:00:00Z");
  private final InMemoryNotificationRepository store = new InMemoryNotificationRepository();
  private final List<EmailMessage> sent = new ArrayList<>();
  private final List<UUID> parked = new ArrayList<>();
  private boolean smtpUp = true;
  private int lookups;
  private final java.util.Set<String> refusedSubjects = new java.util.HashSet<>();
  private final UserId mia = new UserId(UUID.randomUUID());
  private final Notifications notifications =
      new Notifications(
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
          new SmsSender() {
            @Override
            public boolean isConfigured() {
              return false;
            }

            @Override
            public void send(String phoneNumber, String body) {
              throw new AssertionError("never called");
            }
          },
          (id, reason) -> parked.add(id),
          new ImmediateTransactions(),
          new SequentialIds(),
          clock,
          new Notifications.Policy(
              3, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(60)));

  private Notification confirmation(String eventId) {
    var order = new OrderId(UUID.randomUUID());
    return notifications.record(
        new SourceEvent(eventId, "order.created", order.toString(), "OrderCreated", new byte[0]),
        Template.ORDER_CONFIRMATION,
        mia,
        order,
        EmailTemplates.orderConfirmation(
            order.toString(),
            List.of(
                new EmailTemplates.Line("Teapot", 2, Money.of(1250, "EUR"), Money.of(2500, "EUR"))),
            Money.of(2500, "EUR")));
  }

  @Test
  void anEventIsRecordedOnceAndSentPersonalisedWithItsNameEscapedInHtml() {
    var first = confirmation("evt-1");
    var again =
        notifications.record(
            new SourceEvent("evt-1", "order.created", "k", "OrderCreated", new byte[0]),
            Template.ORDER_CONFIRMATION,
            mia,
            first.orderId(),
            EmailTemplates.welcome());
    assertThat(again.id()).isEqualTo(first.id());
    notifications.dispatchDue(10);
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
    notifications.dispatchDue(10);
    assertThat(sent).hasSize(1);
  }

  @Test
  void aCustomersMessagesAreTheirsAndAnAdminsToSeeAndNoOneElses() {
    var first = confirmation("evt-o1");
    var second = confirmation("evt-o2"); // another order's
    var admin = orderpay.domain.user.Reader.of(new UserId(UUID.randomUUID()), true);
    var stranger = orderpay.domain.user.Reader.of(new UserId(UUID.randomUUID()), false);
    var holder = orderpay.domain.user.Reader.of(mia, false);

    assertThat(notifications.listOf(mia, Optional.of(first.orderId()), admin))
        .containsExactly(first);
    assertThat(notifications.listOf(mia, Optional.empty(), holder))
        .containsExactlyInAnyOrder(first, second);
    assertThat(notifications.listOf(mia, Optional.of(first.orderId()), stranger)).isEmpty();
  }

  @Test
  void aBatchAsksForEachRecipientOnceAndOneRefusedMessageHoldsUpNoOther() {
    var first = confirmation("evt-b1");
    var second = confirmation("evt-b2");
    var third = confirmation("evt-b3");
    refusedSubjects.add(second.subject() + "-never"); // none refused yet
    assertThat(notifications.dispatchDue(10)).isEqualTo(3);
    assertThat(sent).hasSize(3);
    assertThat(lookups).as("one user-service call for the customer's three messages").isEqualTo(1);
    for (var note : List.of(first, second, third)) {
      assertThat(store.byKey.values())
          .filteredOn(n -> n.id().equals(note.id()))
          .singleElement()
          .satisfies(n -> assertThat(n.status()).isEqualTo(NotificationStatus.SENT));
    }

    var fine = welcomeFor("evt-b4");
    var refused = confirmation("evt-b5");
    refusedSubjects.add(refused.subject());
    sent.clear();
    notifications.dispatchDue(10);
    assertThat(sent).extracting(EmailMessage::messageId).containsExactly(fine.id().toString());
    assertThat(store.byKey.get("evt-b4:welcome").status()).isEqualTo(NotificationStatus.SENT);
    assertThat(store.byKey.get("evt-b5:order_confirmation").status())
        .isEqualTo(NotificationStatus.PENDING);
    assertThat(store.byKey.get("evt-b5:order_confirmation").attempts()).isEqualTo(1);
  }

  private Notification welcomeFor(String eventId) {
    return notifications.record(
        new SourceEvent(eventId, "user.registered", mia.toString(), "UserRegistered", new byte[0]),
        Template.WELCOME,
        mia,
        null,
        EmailTemplates.welcome());
  }

  @Test
  void anOutageIsRetriedWithBackoffAndTheMessageGoesOutOnceItIsOver() {
    var note = confirmation("evt-2");
    smtpUp = false;
    notifications.dispatchDue(10);
    notifications.dispatchDue(10); // not due yet: backoff
    assertThat(store.byKey.get("evt-2:order_confirmation").attempts()).isEqualTo(1);
    smtpUp = true;
    clock.advance(Duration.ofSeconds(1));
    notifications.dispatchDue(10);
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
      notifications.dispatchDue(10);
      clock.advance(Duration.ofSeconds(10));
    }
    assertThat(store.byKey.get("evt-3:order_confirmation").status())
        .isEqualTo(NotificationStatus.FAILED);
    assertThat(parked).containsExactly(note.id());
    smtpUp = true;
    notifications.dispatchDue(10);
    assertThat(sent).isEmpty();
  }

  @Test
  void smsWithoutAGatewayIsRefusedNotFaked() {
    assertThatThrownBy(() -> notifications.sendSms("k", mia, "+4915112345678", "hi"))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> assertThat(e.getMessage()).isEqualTo("sms channel not configured"));
    assertThat(store.byKey).isEmpty();
  }

  @Test
  void anOrderRefusedForLackOfStockGetsNoPaymentMessageButADeclineDoes() {
    var order = new OrderId(UUID.randomUUID());
    var refused = new SourceEvent("evt-r", "order.failed", "k", "OrderFailed", new byte[0]);
    assertThat(
            notifications.orderOutcome(
                refused,
                orderpay.domain.shared.OrderOutcome.FAILED,
                mia,
                order,
                Money.of(100, "EUR"),
                "insufficient_stock"))
        .isEmpty();
    var declined = new SourceEvent("evt-d", "order.failed", "k", "OrderFailed", new byte[0]);
    assertThat(
            notifications.orderOutcome(
                declined,
                orderpay.domain.shared.OrderOutcome.FAILED,
                mia,
                order,
                Money.of(100, "EUR"),
                "generic_decline"))
        .hasValueSatisfying(n -> assertThat(n.template()).isEqualTo(Template.PAYMENT_FAILED));
  }
}
