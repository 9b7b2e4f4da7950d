package orderpay.domain.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import orderpay.domain.money.Money;
import orderpay.domain.shared.OrderId;
import orderpay.domain.shared.OrderOutcome;
import orderpay.domain.user.UserId;
import org.junit.jupiter.api.Test;

class RecordNotificationTest {
  private final NotificationFixture fixture = new NotificationFixture();
  private final RecordNotification recording = fixture.recording;
  private final UserId mia = fixture.mia;

  @Test
  void anOrderRefusedForLackOfStockGetsNoPaymentMessageButADeclineDoes() {
    var order = new OrderId(UUID.randomUUID());
    var refused = new SourceEvent("evt-r", "order.failed", "k", "OrderFailed", new byte[0]);
    assertThat(
            recording.recordOutcome(
                refused,
                OrderOutcome.FAILED,
                mia,
                order,
                Money.of(100, "EUR"),
                "insufficient_stock"))
        .isEmpty();
    var declined = new SourceEvent("evt-d", "order.failed", "k", "OrderFailed", new byte[0]);
    assertThat(
            recording.recordOutcome(
                declined, OrderOutcome.FAILED, mia, order, Money.of(100, "EUR"), "generic_decline"))
        .hasValueSatisfying(n -> assertThat(n.template()).isEqualTo(Template.PAYMENT_FAILED));
  }
}
