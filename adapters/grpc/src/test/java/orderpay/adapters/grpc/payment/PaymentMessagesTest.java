package orderpay.adapters.grpc.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import orderpay.domain.money.Money;
import orderpay.domain.order.PaymentUpdate;
import orderpay.domain.payment.Payment;
import orderpay.domain.payment.PaymentStatus;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.UserId;
import org.junit.jupiter.api.Test;

/** The payment service's answer, as the order service reads it: its own view, nothing rebuilt. */
class PaymentMessagesTest {
  private final OrderId order = new OrderId(UUID.randomUUID());
  private final Instant created = Instant.parse("2026-12-03T10:00:00Z");

  @Test
  void anAnswerBecomesTheOrdersViewOfItsPayment() {
    var payment =
        new Payment(
            "pay-1",
            order,
            new UserId(UUID.randomUUID()),
            Money.of(2500, "EUR"),
            PaymentStatus.REQUIRES_ACTION,
            "stripe",
            "pi_1",
            "pi_1_secret",
            null,
            created,
            created.plusSeconds(2));

    var update = PaymentMessages.toUpdate(PaymentMessages.toProto(payment));

    assertThat(update)
        .isEqualTo(
            new PaymentUpdate(
                "pay-1", PaymentStatus.REQUIRES_ACTION, "stripe", "pi_1", "pi_1_secret", null));
  }

  @Test
  void absentOptionalFieldsStayAbsentAndAReasonComesAlong() {
    var declined =
        new Payment(
            "pay-2",
            order,
            null,
            Money.of(900, "EUR"),
            PaymentStatus.FAILED,
            "stripe",
            null,
            null,
            "card_declined",
            created,
            created);

    var update = PaymentMessages.toUpdate(PaymentMessages.toProto(declined));

    assertThat(update)
        .isEqualTo(
            new PaymentUpdate(
                "pay-2", PaymentStatus.FAILED, "stripe", null, null, "card_declined"));
  }
}
