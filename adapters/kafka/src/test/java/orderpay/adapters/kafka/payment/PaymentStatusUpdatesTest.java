package orderpay.adapters.kafka.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import orderpay.contracts.common.v1.Money;
import orderpay.contracts.events.v1.PaymentStatusUpdated;
import orderpay.domain.order.PaymentUpdate;
import orderpay.domain.payment.Payment;
import orderpay.domain.payment.PaymentStatus;
import orderpay.domain.payment.PaymentStatusChanged;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.UserId;
import org.junit.jupiter.api.Test;

/**
 * payment.status-updated across versions: the status travels as the enum and as the old string, a
 * consumer of either version reads it, and this consumer reads what an older producer wrote.
 */
class PaymentStatusUpdatesTest {
  private final OrderId order = new OrderId(UUID.randomUUID());

  @Test
  void theStatusIsWrittenAsTheEnumAndAsTheOldStringForOlderConsumers() throws Exception {
    var bytes = serialized(payment(PaymentStatus.REQUIRES_ACTION));

    var event = PaymentStatusUpdated.parseFrom(bytes);
    assertThat(event.getPaymentStatus())
        .isEqualTo(PaymentStatusUpdated.Status.STATUS_REQUIRES_ACTION);
    assertThat(event.getStatus()).isEqualTo("REQUIRES_ACTION"); // what older consumers read
  }

  @Test
  void everyFieldIsWrittenAndTheClientSecretNever() {
    var declined = payment(PaymentStatus.FAILED);

    assertThat(serialized(declined))
        .isEqualTo(
            PaymentStatusUpdated.newBuilder()
                .setPaymentId("pay-1")
                .setOrderId(order.toString())
                .setStatus("FAILED")
                .setProviderPaymentId("pi_1")
                .setFailureReason("card_declined")
                .setAmount(Money.newBuilder().setAmountMinor(2500).setCurrency("EUR"))
                .setProvider("stripe")
                .setPaymentStatus(PaymentStatusUpdated.Status.STATUS_FAILED)
                .build()
                .toByteArray());
  }

  @Test
  void aPaymentWithoutIntentOrReasonLeavesThoseFieldsUnset() throws Exception {
    var at = Instant.parse("2026-12-03T10:00:00Z");
    var fresh =
        new Payment(
            "pay-1",
            order,
            new UserId(UUID.randomUUID()),
            orderpay.domain.money.Money.of(2500, "EUR"),
            PaymentStatus.PENDING,
            "stripe",
            null,
            null,
            null,
            at,
            at);

    var event = PaymentStatusUpdated.parseFrom(serialized(fresh));

    assertThat(event.getProviderPaymentId()).isEmpty();
    assertThat(event.getFailureReason()).isEmpty();
    assertThat(event.getPaymentStatus()).isEqualTo(PaymentStatusUpdated.Status.STATUS_PENDING);
  }

  @Test
  void everyStatusComesBackAsItWent() throws Exception {
    for (var status : PaymentStatus.values()) {
      var update =
          PaymentStatusUpdates.toUpdate(
              PaymentStatusUpdated.parseFrom(serialized(payment(status))));
      assertThat(update)
          .isEqualTo(new PaymentUpdate("pay-1", status, "stripe", "pi_1", null, "card_declined"));
    }
  }

  @Test
  void aMessageCarryingOnlyTheOldStringIsStillRead() throws Exception {
    // as a payment service built before payment_status wrote it
    var old =
        PaymentStatusUpdated.newBuilder()
            .setPaymentId("pay-1")
            .setOrderId(order.toString())
            .setStatus("SUCCEEDED")
            .setProvider("stripe")
            .build()
            .toByteArray();

    var update = PaymentStatusUpdates.toUpdate(PaymentStatusUpdated.parseFrom(old));

    assertThat(update.status()).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(update.providerPaymentId()).isNull();
  }

  @Test
  void anEnumValueThisBuildDoesNotKnowFallsBackToTheString() throws Exception {
    // a newer payment service with a status added after this build: the string still tells
    var newer =
        PaymentStatusUpdated.newBuilder()
            .setPaymentId("pay-1")
            .setPaymentStatusValue(99)
            .setStatus("CANCELLED")
            .build()
            .toByteArray();

    assertThat(PaymentStatusUpdates.toUpdate(PaymentStatusUpdated.parseFrom(newer)).status())
        .isEqualTo(PaymentStatus.CANCELLED);
  }

  @Test
  void theEnumWinsOverTheString() {
    var both =
        PaymentStatusUpdated.newBuilder()
            .setPaymentStatus(PaymentStatusUpdated.Status.STATUS_REFUNDED)
            .setStatus("SUCCEEDED")
            .build();

    assertThat(PaymentStatusUpdates.statusOf(both)).isEqualTo(PaymentStatus.REFUNDED);
  }

  @Test
  void aMessageWithNoReadableStatusIsRefused() {
    // the order service's handler parks it as a poison message
    var none = PaymentStatusUpdated.newBuilder().setPaymentId("pay-1").build();
    var gibberish = none.toBuilder().setStatus("ALMOST_PAID").build();

    assertThatThrownBy(() -> PaymentStatusUpdates.toUpdate(none))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PaymentStatusUpdates.toUpdate(gibberish))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private byte[] serialized(Payment payment) {
    var serialized = new PaymentEventSerializer().serialize(PaymentStatusChanged.of(payment));
    assertThat(serialized.topic())
        .isEqualTo(orderpay.adapters.kafka.KafkaTopics.PAYMENT_STATUS_UPDATED);
    return serialized.payload();
  }

  private Payment payment(PaymentStatus status) {
    var at = Instant.parse("2026-12-03T10:00:00Z");
    return new Payment(
        "pay-1",
        order,
        new UserId(UUID.randomUUID()),
        orderpay.domain.money.Money.of(2500, "EUR"),
        status,
        "stripe",
        "pi_1",
        "pi_1_secret", // never on the event: the order keeps the secret it has
        "card_declined",
        at,
        at);
  }
}
