package orderpay.domain.notification;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import orderpay.domain.money.Money;
import orderpay.domain.shared.OrderId;
import orderpay.domain.testing.InMemoryNotificationRepository;
import orderpay.domain.testing.MutableClock;
import orderpay.domain.testing.SequentialIds;
import orderpay.domain.user.UserId;

/** What the notification use cases' tests share: one store, one clock, and Mia's emails in it. */
final class NotificationFixture {
  final MutableClock clock = MutableClock.startingAt("2026-05-01T09:00:00Z");
  final InMemoryNotificationRepository store = new InMemoryNotificationRepository();
  final SequentialIds ids = new SequentialIds();
  final Leases leases = new Leases(ids, Duration.ofSeconds(60));
  final UserId mia = new UserId(UUID.randomUUID());
  final RecordNotification recording = new RecordNotification(store, ids, clock);

  /** Mia's confirmation of a new order of two teapots, recorded for event {@code eventId}. */
  Notification confirmation(String eventId) {
    var order = new OrderId(UUID.randomUUID());
    return recording.record(
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

  Notification welcomeFor(String eventId) {
    return recording.record(
        new SourceEvent(eventId, "user.registered", mia.toString(), "UserRegistered", new byte[0]),
        Template.WELCOME,
        mia,
        null,
        EmailTemplates.welcome());
  }
}
