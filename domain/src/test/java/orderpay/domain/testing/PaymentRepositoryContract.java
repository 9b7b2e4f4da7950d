package orderpay.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import orderpay.domain.money.Money;
import orderpay.domain.payment.Payment;
import orderpay.domain.payment.PaymentRepository;
import orderpay.domain.payment.PaymentStatus;
import orderpay.domain.payment.ProcessedEvents;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PaymentRepository} and {@link ProcessedEvents} must do (one class holds both);
 * run against the fake and PostgreSQL.
 */
public abstract class PaymentRepositoryContract {
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  private PaymentRepository payments;
  private ProcessedEvents events;

  /** An empty store of payments, and its processed events (the same object, or not). */
  protected abstract PaymentRepository emptyPayments();

  protected abstract ProcessedEvents processedEvents();

  @BeforeEach
  void setUp() {
    payments = emptyPayments();
    events = processedEvents();
  }

  private static Payment payment(PaymentStatus status, String intent, Instant at) {
    return new Payment(
        "pay_" + UUID.randomUUID(),
        new OrderId(UUID.randomUUID()),
        new UserId(UUID.randomUUID()),
        Money.of(1000, "EUR"),
        status,
        "stripe",
        intent,
        intent == null ? null : intent + "_secret",
        null,
        at,
        at);
  }

  private Payment added(PaymentStatus status, Instant at) {
    var payment = payment(status, "pi_" + UUID.randomUUID(), at);
    payments.addIfAbsent(payment);
    return payment;
  }

  @Test
  void anOrderHasOnePaymentFoundByOrderByIdAndByItsIntent() {
    var first = payment(PaymentStatus.PENDING, null, T0);
    var second =
        new Payment(
            "pay_other",
            first.orderId(),
            first.userId(),
            first.amount(),
            PaymentStatus.PENDING,
            "stripe",
            null,
            null,
            null,
            T0,
            T0);
    assertThat(payments.addIfAbsent(first)).isTrue();
    assertThat(payments.addIfAbsent(second)).isFalse();

    assertThat(payments.findByOrder(first.orderId())).contains(first);
    assertThat(payments.findByOrderForUpdate(first.orderId())).contains(first);
    assertThat(payments.findById(first.id())).contains(first);
    assertThat(payments.findById(second.id())).isEmpty();
    assertThat(payments.findByOrder(new OrderId(UUID.randomUUID()))).isEmpty();
    assertThat(payments.findByOrderForUpdate(new OrderId(UUID.randomUUID()))).isEmpty();

    var withIntent = first.withIntent("pi_1", "pi_1_secret", T0.plusSeconds(1));
    payments.update(withIntent);
    assertThat(payments.findByProviderIdForUpdate("pi_1")).contains(withIntent);
    assertThat(payments.findByProviderIdForUpdate("pi_unknown")).isEmpty();
  }

  @Test
  void anUpdateStoresTheStatusItsReasonAndWhen() {
    var payment = added(PaymentStatus.PENDING, T0);
    var failed = payment.advance(PaymentStatus.FAILED, "card_declined", T0.plusSeconds(5));
    payments.update(failed);
    assertThat(payments.findById(payment.id())).contains(failed);
  }

  @Test
  void reconciliationReadsThePaymentsCreatedSinceAnInstantAndThoseOfTheIntentsItNames() {
    var old = added(PaymentStatus.SUCCEEDED, T0.minus(Duration.ofDays(10)));
    added(PaymentStatus.SUCCEEDED, T0.minus(Duration.ofDays(10)));
    var recent = added(PaymentStatus.PENDING, T0);

    assertThat(payments.findCreatedSinceOrFor(T0.minus(Duration.ofDays(1)), List.of()))
        .containsExactly(recent);
    assertThat(
            payments.findCreatedSinceOrFor(
                T0.minus(Duration.ofDays(1)), List.of(old.providerPaymentId(), "pi_unknown")))
        .containsExactly(old, recent);
  }

  @Test
  void dueForACheckAreOpenOrFailedPaymentsLeftAloneAndCancelledOnesNotYetFinalOldestFirst() {
    var failed = added(PaymentStatus.FAILED, T0.minusSeconds(30));
    var pending = added(PaymentStatus.PENDING, T0.minusSeconds(50));
    var authenticating = added(PaymentStatus.REQUIRES_ACTION, T0.minusSeconds(40));
    var cancelled = added(PaymentStatus.CANCELLED, T0);
    added(PaymentStatus.PENDING, T0); // touched too recently
    added(PaymentStatus.SUCCEEDED, T0.minusSeconds(60));
    added(PaymentStatus.REFUNDED, T0.minusSeconds(60));
    var openBefore = T0.minusSeconds(10);

    assertThat(payments.findDueForCheck(openBefore, T0, 10))
        .containsExactly(pending, authenticating, failed, cancelled);
    assertThat(payments.findDueForCheck(openBefore, T0, 2))
        .containsExactly(pending, authenticating);
    payments.markFinalAtProvider(cancelled.id());
    assertThat(payments.findDueForCheck(openBefore, T0, 10)).doesNotContain(cancelled);
  }

  @Test
  void aCheckedPaymentWaitsUntilItsNextCheckWhichCountsTheChecks() {
    var payment = added(PaymentStatus.PENDING, T0.minusSeconds(60));
    var other = added(PaymentStatus.PENDING, T0.minusSeconds(30));
    var checksSeen = new ArrayList<Integer>();
    for (int i = 0; i < 2; i++) {
      payments.deferCheck(
          payment.id(),
          checks -> {
            checksSeen.add(checks);
            return T0.plusSeconds(10L * checks);
          });
    }

    assertThat(checksSeen).containsExactly(1, 2);
    assertThat(payments.findDueForCheck(T0, T0.plusSeconds(19), 10)).containsExactly(other);
    assertThat(payments.findDueForCheck(T0, T0.plusSeconds(20), 10))
        .as("ordered by when the check is due, not by when the payment was touched")
        .containsExactly(other, payment);
  }

  @Test
  void aProviderEventIsProcessedOnceAndToldAboutItsIntentOldestFirst() {
    assertThat(events.firstTime("evt_1", "payment_intent.created", "pi_1")).isTrue();
    assertThat(events.firstTime("evt_1", "payment_intent.created", "pi_1")).isFalse();
    assertThat(events.firstTime("evt_2", "payment_intent.created", "pi_2")).isTrue();
    assertThat(events.firstTime("evt_3", "payment_intent.succeeded", "pi_1")).isTrue();

    assertThat(events.about("pi_1"))
        .extracting(ProcessedEvents.Received::eventId, ProcessedEvents.Received::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("evt_1", "payment_intent.created"),
            org.assertj.core.groups.Tuple.tuple("evt_3", "payment_intent.succeeded"));
    assertThat(events.about("pi_unknown")).isEmpty();
  }
}
