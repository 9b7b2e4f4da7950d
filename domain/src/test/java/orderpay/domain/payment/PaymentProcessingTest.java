package orderpay.domain.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import orderpay.domain.money.Money;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.OrderId;
import orderpay.domain.testing.ImmediateTransactions;
import orderpay.domain.testing.MutableClock;
import orderpay.domain.testing.RecordingEvents;
import orderpay.domain.testing.SequentialIds;
import orderpay.domain.user.UserId;
import org.junit.jupiter.api.Test;

class PaymentProcessingTest {
  private final MutableClock clock = MutableClock.startingAt("2026-05-01T09:00:00Z");
  private final Payments payments = new Payments();
  private final Provider provider = new Provider();
  private final RecordingEvents events = new RecordingEvents();
  private ProviderEvent nextWebhook;
  private final PaymentProcessing processing =
      new PaymentProcessing(
          payments,
          provider,
          (payload, signature) -> {
            if (!"valid".equals(signature)) {
              throw DomainException.invalidField("Stripe-Signature", "bad signature");
            }
            return nextWebhook;
          },
          payments,
          new ImmediateTransactions(),
          events,
          new SequentialIds(),
          clock);
  private final OrderId order = new OrderId(UUID.randomUUID());
  private final UserId user = new UserId(UUID.randomUUID());

  /** A fake provider: intents by key, status chosen by the payment method. */
  static final class Provider implements PaymentProvider {
    final Map<String, Intent> byKey = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    PaymentStatus retrieved = PaymentStatus.PENDING;

    @Override
    public String name() {
      return "fake";
    }

    @Override
    public Intent createIntent(String key, Money amount, String paymentMethod, String orderId) {
      calls.add("create " + key);
      return byKey.computeIfAbsent(
          key,
          k ->
              new Intent(
                  "pi_" + byKey.size(),
                  paymentMethod == null ? PaymentStatus.PENDING : PaymentStatus.SUCCEEDED,
                  "secret",
                  null));
    }

    @Override
    public Intent retrieve(String id) {
      calls.add("retrieve " + id);
      return new Intent(id, retrieved, null, null);
    }

    @Override
    public Intent cancel(String id, String key) {
      calls.add("cancel " + id);
      return new Intent(id, PaymentStatus.CANCELLED, null, null);
    }

    @Override
    public Intent refund(String id, String key) {
      calls.add("refund " + id);
      return new Intent(id, PaymentStatus.REFUNDED, null, null);
    }
  }

  static final class Payments implements PaymentRepository, ProcessedEvents {
    final Map<OrderId, Payment> byOrder = new HashMap<>();
    final Set<String> seen = new HashSet<>();

    @Override
    public boolean addIfAbsent(Payment p) {
      return byOrder.putIfAbsent(p.orderId(), p) == null;
    }

    @Override
    public Optional<Payment> findByOrder(OrderId orderId) {
      return Optional.ofNullable(byOrder.get(orderId));
    }

    @Override
    public Optional<Payment> findByOrderForUpdate(OrderId orderId) {
      return findByOrder(orderId);
    }

    @Override
    public Optional<Payment> findById(String id) {
      return byOrder.values().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    @Override
    public Optional<Payment> findByProviderIdForUpdate(String providerId) {
      return byOrder.values().stream()
          .filter(p -> providerId.equals(p.providerPaymentId()))
          .findFirst();
    }

    @Override
    public void update(Payment p) {
      byOrder.put(p.orderId(), p);
    }

    @Override
    public List<Payment> findStale(Instant before, int limit) {
      return byOrder.values().stream()
          .filter(p -> p.isOpen() && p.updatedAt().isBefore(before))
          .toList();
    }

    @Override
    public boolean firstTime(String eventId, String type) {
      return seen.add(eventId);
    }
  }

  private long announced(PaymentStatus status) {
    return events.published.stream()
        .filter(e -> e instanceof PaymentStatusChanged c && c.payment().status() == status)
        .count();
  }

  @Test
  void initiatingTwiceCallsTheProviderOnceWithAKeyFromTheOrder() {
    var first = processing.initiate(order, user, Money.of(1000, "EUR"), "pm_card_visa", 1);
    var again = processing.initiate(order, user, Money.of(1000, "EUR"), "pm_card_visa", 1);
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(first.status()).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(provider.calls).containsExactly("create orderpay-" + order + "-attempt-1");
    assertThat(announced(PaymentStatus.SUCCEEDED)).isEqualTo(1);
  }

  @Test
  void anotherAmountForTheSameOrderIsAConflict() {
    processing.initiate(order, user, Money.of(1000, "EUR"), null, 1);
    assertThatThrownBy(() -> processing.initiate(order, user, Money.of(999, "EUR"), null, 1))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.reason()).isEqualTo("conflict"));
  }

  @Test
  void webhooksMoveForwardOnlyAndEachEventIdCountsOnce() {
    var payment = processing.initiate(order, user, Money.of(1000, "EUR"), null, 1);
    String pi = payment.providerPaymentId();
    nextWebhook =
        new ProviderEvent(
            "evt_1", "payment_intent.succeeded", pi, Optional.of(PaymentStatus.SUCCEEDED), null);
    assertThat(processing.handleWebhook(new byte[0], "valid").duplicate()).isFalse();
    assertThat(processing.handleWebhook(new byte[0], "valid").duplicate()).isTrue();
    nextWebhook =
        new ProviderEvent(
            "evt_2",
            "payment_intent.payment_failed",
            pi,
            Optional.of(PaymentStatus.FAILED),
            "late");
    processing.handleWebhook(new byte[0], "valid");
    assertThat(processing.byOrder(order).status()).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(announced(PaymentStatus.SUCCEEDED)).isEqualTo(1);
    assertThat(announced(PaymentStatus.FAILED)).isZero();
  }

  @Test
  void aBadSignatureChangesNothing() {
    processing.initiate(order, user, Money.of(1000, "EUR"), null, 1);
    assertThatThrownBy(() -> processing.handleWebhook(new byte[0], "forged"))
        .isInstanceOf(DomainException.class);
    assertThat(processing.byOrder(order).status()).isEqualTo(PaymentStatus.PENDING);
  }

  @Test
  void cancellingASucceededPaymentLeavesItAndRefundingTwiceRefundsOnce() {
    processing.initiate(order, user, Money.of(1000, "EUR"), "pm_card_visa", 1);
    assertThat(processing.cancel(order).status()).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(processing.refund(order).status()).isEqualTo(PaymentStatus.REFUNDED);
    assertThat(processing.refund(order).status()).isEqualTo(PaymentStatus.REFUNDED);
    assertThat(provider.calls.stream().filter(c -> c.startsWith("refund"))).hasSize(1);
    assertThat(provider.calls.stream().filter(c -> c.startsWith("cancel"))).isEmpty();
  }

  @Test
  void refundingAnUnpaidPaymentIsInvalidState() {
    processing.initiate(order, user, Money.of(1000, "EUR"), null, 1);
    assertThatThrownBy(() -> processing.refund(order)).hasMessageContaining("nothing to refund");
  }

  @Test
  void reconciliationAsksTheProviderAboutStalePaymentsOnly() {
    processing.initiate(order, user, Money.of(1000, "EUR"), null, 1);
    assertThat(processing.reconcile(Duration.ofMinutes(2), 10)).isZero();
    clock.advance(Duration.ofMinutes(3));
    provider.retrieved = PaymentStatus.SUCCEEDED;
    assertThat(processing.reconcile(Duration.ofMinutes(2), 10)).isEqualTo(1);
    assertThat(processing.byOrder(order).status()).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(processing.reconcile(Duration.ofMinutes(2), 10)).isZero();
  }
}
