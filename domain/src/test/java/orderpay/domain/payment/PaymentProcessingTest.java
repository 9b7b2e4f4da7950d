package orderpay.domain.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import orderpay.domain.money.Money;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;
import orderpay.domain.shared.OrderId;
import orderpay.domain.testing.ImmediateTransactions;
import orderpay.domain.testing.InMemoryPaymentRepository;
import orderpay.domain.testing.MutableClock;
import orderpay.domain.testing.RecordingEvents;
import orderpay.domain.testing.SequentialIds;
import orderpay.domain.user.Reader;
import orderpay.domain.user.UserId;
import org.junit.jupiter.api.Test;

class PaymentProcessingTest {
  private final MutableClock clock = MutableClock.startingAt("2026-05-01T09:00:00Z");
  private final InMemoryPaymentRepository payments = new InMemoryPaymentRepository();
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
    final Map<String, Intent> byOrder = new HashMap<>();
    PaymentStatus retrieved = PaymentStatus.PENDING;
    boolean loseCreateAnswer;
    int failRetrievesFor = 0;
    String failingIntent;

    @Override
    public String name() {
      return "fake";
    }

    @Override
    public Intent createIntent(String key, Money amount, String paymentMethod, String orderId) {
      calls.add("create " + key);
      var intent =
          byKey.computeIfAbsent(
              key,
              k ->
                  new Intent(
                      "pi_" + byKey.size(),
                      paymentMethod == null
                          ? PaymentStatus.PENDING
                          : paymentMethod.contains("threeDSecure")
                              ? PaymentStatus.REQUIRES_ACTION
                              : PaymentStatus.SUCCEEDED,
                      "secret",
                      null));
      byOrder.put(orderId, intent);
      if (loseCreateAnswer) {
        throw new DomainException(
            orderpay.domain.shared.ErrorKind.UNAVAILABLE, "unavailable", "connection cut");
      }
      return intent;
    }

    @Override
    public Intent retrieve(String id) {
      calls.add("retrieve " + id);
      if (id.equals(failingIntent)) {
        throw new DomainException(
            orderpay.domain.shared.ErrorKind.UNAVAILABLE, "unavailable", "provider down");
      }
      return new Intent(id, retrieved, null, null);
    }

    @Override
    public Optional<Intent> findByOrder(String orderId) {
      calls.add("search " + orderId);
      return Optional.ofNullable(byOrder.get(orderId));
    }

    final List<ListedIntent> listed = new ArrayList<>();

    @Override
    public List<ListedIntent> listCreatedSince(Instant from) {
      calls.add("list since " + from);
      return listed.stream().filter(i -> !i.createdAt().isBefore(from)).toList();
    }

    @Override
    public boolean paymentMethodExists(String paymentMethod) {
      calls.add("method " + paymentMethod);
      return paymentMethod.startsWith("pm_card_");
    }

    @Override
    public Intent cancel(String id, String key) {
      calls.add("cancel " + id);
      if (retrieved == PaymentStatus.SUCCEEDED) {
        return new Intent(id, PaymentStatus.SUCCEEDED, null, null); // too late: it was paid
      }
      return new Intent(id, PaymentStatus.CANCELLED, null, null);
    }

    @Override
    public Intent refund(String id, String key) {
      calls.add("refund " + id);
      return new Intent(id, PaymentStatus.REFUNDED, null, null);
    }

    boolean offersTestAuthentication = true;

    @Override
    public Optional<Intent> completeTestAuthentication(String id) {
      calls.add("authenticate " + id);
      return offersTestAuthentication
          ? Optional.of(new Intent(id, PaymentStatus.SUCCEEDED, null, null))
          : Optional.empty();
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
  void aPaymentIsShownToItsPayerAndToAnAdminByIdOrByOrder() {
    var payment = processing.initiate(order, user, Money.of(1000, "EUR"), "pm_card_visa", 1);
    var payer = Reader.of(user, false);
    var admin = Reader.of(new UserId(UUID.randomUUID()), true);

    for (var reader : List.of(payer, admin)) {
      assertThat(processing.readById(payment.id(), reader)).isEqualTo(payment);
      assertThat(processing.readByOrder(order, reader)).isEqualTo(payment);
    }
  }

  @Test
  void toAnotherCustomerAPaymentIsNotFound() {
    var payment = processing.initiate(order, user, Money.of(1000, "EUR"), "pm_card_visa", 1);
    var stranger = Reader.of(new UserId(UUID.randomUUID()), false);

    assertThatThrownBy(() -> processing.readById(payment.id(), stranger))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
              assertThat(e.reason()).isEqualTo("not_found");
              assertThat(e).hasMessage("payment not found");
              assertThat(e.details()).isEqualTo(Map.of("id", payment.id()));
            });
    // by order, the stranger's answer is the one for an order that has no payment at all
    var noPayment = OrderId.parse(UUID.randomUUID().toString());
    var unpaid = catchThrowableOfType(DomainException.class, () -> processing.byOrder(noPayment));
    assertThatThrownBy(() -> processing.readByOrder(order, stranger))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
              assertThat(e.reason()).isEqualTo("not_found");
              assertThat(e).hasMessage("payment not found");
              assertThat(e.details()).isEqualTo(Map.of("id", order.toString()));
              assertThat(e.details().keySet()).isEqualTo(unpaid.details().keySet());
            });
  }

  @Test
  void webhooksMoveForwardOnlyAndEachEventIdCountsOnce() {
    var payment = processing.initiate(order, user, Money.of(1000, "EUR"), null, 1);
    String pi = payment.providerPaymentId();
    nextWebhook =
        new ProviderEvent(
            "evt_1",
            "payment_intent.succeeded",
            pi,
            Optional.of(PaymentStatus.SUCCEEDED),
            null,
            order.toString());
    assertThat(processing.handleWebhook(new byte[0], "valid").duplicate()).isFalse();
    assertThat(processing.handleWebhook(new byte[0], "valid").duplicate()).isTrue();
    nextWebhook =
        new ProviderEvent(
            "evt_2",
            "payment_intent.payment_failed",
            pi,
            Optional.of(PaymentStatus.FAILED),
            "late",
            order.toString());
    processing.handleWebhook(new byte[0], "valid");
    assertThat(processing.byOrder(order).status()).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(announced(PaymentStatus.SUCCEEDED)).isEqualTo(1);
    assertThat(announced(PaymentStatus.FAILED)).isZero();
  }

  @Test
  void aPaymentsActivityListsTheProviderEventsAboutItsIntentToItsPayerAndAnAdmin() {
    var payment = processing.initiate(order, user, Money.of(1000, "EUR"), null, 1);
    var otherOrder = OrderId.parse(UUID.randomUUID().toString());
    var other = processing.initiate(otherOrder, user, Money.of(500, "EUR"), null, 1);
    for (var event : List.of("evt_a", "evt_a", "evt_b")) {
      nextWebhook =
          new ProviderEvent(
              event,
              "payment_intent.requires_action",
              payment.providerPaymentId(),
              Optional.of(PaymentStatus.REQUIRES_ACTION),
              null,
              order.toString());
      processing.handleWebhook(new byte[0], "valid");
    }
    nextWebhook =
        new ProviderEvent(
            "evt_other",
            "payment_intent.succeeded",
            other.providerPaymentId(),
            Optional.of(PaymentStatus.SUCCEEDED),
            null,
            otherOrder.toString());
    processing.handleWebhook(new byte[0], "valid");

    var admin = Reader.of(new UserId(UUID.randomUUID()), true);
    for (var reader : List.of(Reader.of(user, false), admin)) {
      var activity = processing.activityOf(order, reader);
      assertThat(activity.payment().id()).isEqualTo(payment.id());
      assertThat(activity.providerEvents())
          .extracting(ProcessedEvents.Received::eventId)
          .containsExactly("evt_a", "evt_b");
    }
    var stranger = Reader.of(new UserId(UUID.randomUUID()), false);
    assertThatThrownBy(() -> processing.activityOf(order, stranger))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
  }

  @Test
  void aWebhookOfNoInterestIsAcknowledgedWithoutATransaction() {
    var transactions = new ImmediateTransactions();
    var processing =
        new PaymentProcessing(
            payments,
            provider,
            (payload, signature) ->
                new ProviderEvent(
                    "evt_created", "payment_intent.created", "pi_1", Optional.empty(), null, null),
            payments,
            transactions,
            events,
            new SequentialIds(),
            clock);
    var first = processing.handleWebhook(new byte[0], "valid");
    var again = processing.handleWebhook(new byte[0], "valid");
    assertThat(first).isEqualTo(new PaymentProcessing.WebhookOutcome("evt_created", false));
    assertThat(again).isEqualTo(first);
    assertThat(transactions.opened).isZero();
    assertThat(payments.seen).doesNotContain("evt_created");
    assertThat(events.published).isEmpty();
  }

  @Test
  void theSucceededWebhookOfAnIntentTheConfirmCallSettledCostsNoTransaction() {
    var transactions = new ImmediateTransactions();
    var processing =
        new PaymentProcessing(
            payments,
            provider,
            (payload, signature) -> nextWebhook,
            payments,
            transactions,
            events,
            new SequentialIds(),
            clock);
    var paid = processing.initiate(order, user, Money.of(1000, "EUR"), "pm_card_visa", 1);
    assertThat(paid.status()).isEqualTo(PaymentStatus.SUCCEEDED);
    int opened = transactions.opened;
    nextWebhook =
        new ProviderEvent(
            "evt_succeeded",
            "payment_intent.succeeded",
            paid.providerPaymentId(),
            Optional.of(PaymentStatus.SUCCEEDED),
            null,
            order.toString());

    assertThat(processing.handleWebhook(new byte[0], "valid"))
        .isEqualTo(new PaymentProcessing.WebhookOutcome("evt_succeeded", false));
    assertThat(transactions.opened).isEqualTo(opened);
    assertThat(payments.seen).doesNotContain("evt_succeeded");
    assertThat(announced(PaymentStatus.SUCCEEDED)).isEqualTo(1);

    // a refund is still recorded: only a success of a known success is skipped
    nextWebhook =
        new ProviderEvent(
            "evt_refunded",
            "charge.refunded",
            paid.providerPaymentId(),
            Optional.of(PaymentStatus.REFUNDED),
            null,
            order.toString());
    processing.handleWebhook(new byte[0], "valid");
    assertThat(processing.byOrder(order).status()).isEqualTo(PaymentStatus.REFUNDED);
  }

  @Test
  void aSucceededWebhookForAPaymentNotYetKnownToHaveSucceededIsApplied() {
    var declined = processing.initiate(order, user, Money.of(1000, "EUR"), null, 1);
    assertThat(declined.status()).isEqualTo(PaymentStatus.PENDING);
    nextWebhook =
        new ProviderEvent(
            "evt_late_success",
            "payment_intent.succeeded",
            declined.providerPaymentId(),
            Optional.of(PaymentStatus.SUCCEEDED),
            null,
            order.toString());
    processing.handleWebhook(new byte[0], "valid");
    assertThat(processing.byOrder(order).status()).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(payments.seen).contains("evt_late_success");
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

  @Test
  void aDeclinedIntentConfirmedAgainByTheCustomerIsBelievedAndAnnounced() {
    var payment = processing.initiate(order, user, Money.of(1000, "EUR"), null, 1);
    String pi = payment.providerPaymentId();
    nextWebhook =
        new ProviderEvent(
            "evt_f",
            "payment_intent.payment_failed",
            pi,
            Optional.of(PaymentStatus.FAILED),
            "card_declined",
            order.toString());
    processing.handleWebhook(new byte[0], "valid");
    nextWebhook =
        new ProviderEvent(
            "evt_s",
            "payment_intent.succeeded",
            pi,
            Optional.of(PaymentStatus.SUCCEEDED),
            null,
            order.toString());
    processing.handleWebhook(new byte[0], "valid");
    assertThat(processing.byOrder(order).status()).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(announced(PaymentStatus.SUCCEEDED)).isEqualTo(1); // the order service refunds it
  }

  @Test
  void reconciliationLooksAgainAtADeclinedPaymentAndClosesItAtTheProvider() {
    var payment = processing.initiate(order, user, Money.of(1000, "EUR"), null, 1);
    provider.retrieved = PaymentStatus.FAILED;
    clock.advance(Duration.ofMinutes(3));
    processing.reconcile(Duration.ofMinutes(2), 10);
    assertThat(provider.calls).contains("cancel " + payment.providerPaymentId());
    assertThat(processing.byOrder(order).status()).isEqualTo(PaymentStatus.CANCELLED);
    assertThat(payments.finalAtProvider).contains(payment.id());
    clock.advance(Duration.ofHours(1));
    assertThat(processing.reconcile(Duration.ofMinutes(2), 10)).isZero();
  }

  @Test
  void reconciliationFindsADeclinedPaymentPaidLaterAndReportsTheSuccess() {
    processing.initiate(order, user, Money.of(1000, "EUR"), null, 1);
    provider.retrieved = PaymentStatus.FAILED;
    clock.advance(Duration.ofMinutes(3));
    provider.retrieved = PaymentStatus.SUCCEEDED; // confirmed again before our cancel landed
    processing.reconcile(Duration.ofMinutes(2), 10);
    assertThat(processing.byOrder(order).status()).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(announced(PaymentStatus.SUCCEEDED)).isEqualTo(1);
  }

  @Test
  void cancellingAPaymentWhoseCreateAnswerWasLostFindsAndCancelsTheIntent() {
    provider.loseCreateAnswer = true;
    assertThatThrownBy(() -> processing.initiate(order, user, Money.of(1000, "EUR"), null, 1))
        .isInstanceOf(DomainException.class);
    assertThat(processing.byOrder(order).providerPaymentId()).isNull();
    String made = provider.byOrder.get(order.toString()).providerPaymentId();
    var cancelled = processing.cancel(order);
    assertThat(cancelled.status()).isEqualTo(PaymentStatus.CANCELLED);
    assertThat(cancelled.providerPaymentId()).isEqualTo(made);
    assertThat(provider.calls).contains("search " + order, "cancel " + made);
  }

  @Test
  void aLostCreateThatChargedIsFoundAndReportedAsSucceeded() {
    provider.loseCreateAnswer = true;
    assertThatThrownBy(
            () -> processing.initiate(order, user, Money.of(1000, "EUR"), "pm_card_visa", 1))
        .isInstanceOf(DomainException.class);
    provider.retrieved = PaymentStatus.SUCCEEDED;
    assertThat(processing.cancel(order).status()).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(announced(PaymentStatus.SUCCEEDED)).isEqualTo(1);
  }

  @Test
  void aPaymentCancelledBeforeItsIntentExistedIsNeverStartedAfterwards() {
    provider.loseCreateAnswer = true;
    provider.byOrder.clear();
    assertThatThrownBy(() -> processing.initiate(order, user, Money.of(1000, "EUR"), null, 1))
        .isInstanceOf(DomainException.class);
    provider.byOrder.clear(); // the create never reached the provider
    assertThat(processing.cancel(order).status()).isEqualTo(PaymentStatus.CANCELLED);
    provider.loseCreateAnswer = false;
    int creates = (int) provider.calls.stream().filter(c -> c.startsWith("create")).count();
    assertThatThrownBy(
            () -> processing.initiate(order, user, Money.of(1000, "EUR"), "pm_card_visa", 1))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.reason()).isEqualTo("invalid_state"));
    assertThat(provider.calls.stream().filter(c -> c.startsWith("create"))).hasSize(creates);
  }

  @Test
  void aWebhookForAnIntentWeNeverLearnedOfIsMatchedByItsOrderId() {
    provider.loseCreateAnswer = true;
    assertThatThrownBy(
            () -> processing.initiate(order, user, Money.of(1000, "EUR"), "pm_card_visa", 1))
        .isInstanceOf(DomainException.class);
    nextWebhook =
        new ProviderEvent(
            "evt_x",
            "payment_intent.succeeded",
            provider.byOrder.get(order.toString()).providerPaymentId(),
            Optional.of(PaymentStatus.SUCCEEDED),
            null,
            order.toString());
    processing.handleWebhook(new byte[0], "valid");
    var payment = processing.byOrder(order);
    assertThat(payment.providerPaymentId())
        .isEqualTo(provider.byOrder.get(order.toString()).providerPaymentId());
    assertThat(payment.status()).isEqualTo(PaymentStatus.SUCCEEDED);
  }

  @Test
  void oneFailingPaymentDoesNotStopReconciliationAndIsRetriedWithBackoff() {
    var stuck = processing.initiate(order, user, Money.of(1000, "EUR"), null, 1);
    var other = new OrderId(UUID.randomUUID());
    processing.initiate(other, user, Money.of(500, "EUR"), null, 2);
    provider.failingIntent = stuck.providerPaymentId();
    clock.advance(Duration.ofMinutes(3));
    provider.retrieved = PaymentStatus.SUCCEEDED;
    assertThat(processing.reconcile(Duration.ofMinutes(2), 10)).isEqualTo(2);
    assertThat(processing.byOrder(other).status()).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(processing.byOrder(order).status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(processing.reconcile(Duration.ofMinutes(2), 10)).isZero(); // backing off
    clock.advance(Duration.ofSeconds(6));
    provider.failingIntent = null;
    assertThat(processing.reconcile(Duration.ofMinutes(2), 10)).isEqualTo(1);
    assertThat(processing.byOrder(order).status()).isEqualTo(PaymentStatus.SUCCEEDED);
  }

  @Test
  void anOpenPaymentIsCheckedAgainOnlyAfterItsBackoffSoNewerOnesGetTheirTurn() {
    var old = processing.initiate(order, user, Money.of(1000, "EUR"), null, 1);
    clock.advance(Duration.ofMinutes(3));
    assertThat(processing.reconcile(Duration.ofMinutes(2), 1)).isEqualTo(1);
    var newer = new OrderId(UUID.randomUUID());
    processing.initiate(newer, user, Money.of(500, "EUR"), null, 2);
    clock.advance(Duration.ofMinutes(3));
    provider.calls.clear();
    processing.reconcile(Duration.ofMinutes(2), 1);
    assertThat(provider.calls).doesNotContain("retrieve " + old.providerPaymentId());
  }

  @Test
  void unknownPaymentMethodsAreRefusedAndKnownOnesRemembered() {
    assertThatThrownBy(() -> processing.checkPaymentMethod("pm_nonsense"))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> assertThat(e.details()).containsEntry("field", "payment_method"));
    processing.checkPaymentMethod("pm_card_visa");
    processing.checkPaymentMethod("pm_card_visa");
    assertThat(provider.calls.stream().filter(c -> c.equals("method pm_card_visa"))).hasSize(1);
  }

  @Test
  void aPartialRefundAtStripeIsRecordedAndTheFullOneRefundsThePayment() {
    var payment = processing.initiate(order, user, Money.of(1000, "EUR"), "pm_card_visa", 1);
    String pi = payment.providerPaymentId();
    nextWebhook =
        new ProviderEvent(
            "evt_r1",
            "charge.refunded",
            pi,
            Optional.of(PaymentStatus.REFUNDED),
            null,
            order.toString(),
            Money.of(1000, "EUR"),
            300);
    processing.handleWebhook(new byte[0], "valid");
    assertThat(processing.byOrder(order).status()).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(payments.refunded).containsEntry(payment.id(), 300L);
    nextWebhook =
        new ProviderEvent(
            "evt_r2",
            "charge.refunded",
            pi,
            Optional.of(PaymentStatus.REFUNDED),
            null,
            order.toString(),
            Money.of(1000, "EUR"),
            1000);
    processing.handleWebhook(new byte[0], "valid");
    assertThat(processing.byOrder(order).status()).isEqualTo(PaymentStatus.REFUNDED);
    assertThat(payments.refunded).containsEntry(payment.id(), 1000L);
  }

  @Test
  void anEventForAnotherAmountOrCurrencyNeverSettlesThePayment() {
    var payment = processing.initiate(order, user, Money.of(1000, "EUR"), null, 1);
    nextWebhook =
        new ProviderEvent(
            "evt_odd",
            "payment_intent.succeeded",
            payment.providerPaymentId(),
            Optional.of(PaymentStatus.SUCCEEDED),
            null,
            order.toString(),
            Money.of(1000, "USD"),
            0);
    processing.handleWebhook(new byte[0], "valid");
    assertThat(processing.byOrder(order).status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(announced(PaymentStatus.SUCCEEDED)).isZero();
  }

  @Test
  void onlyThePayerPassesATestThreeDSecureChallengeAndOnlyWhileItWaits() {
    var waiting =
        processing.initiate(order, user, Money.of(1000, "EUR"), "pm_card_threeDSecure2Required", 1);
    assertThat(waiting.status()).isEqualTo(PaymentStatus.REQUIRES_ACTION);
    var payer = Reader.of(user, false);
    for (var other :
        List.of(
            Reader.of(new UserId(UUID.randomUUID()), false),
            Reader.of(new UserId(UUID.randomUUID()), true),
            Reader.forNoCustomer())) {
      assertThat(
              catchThrowableOfType(
                      DomainException.class,
                      () -> processing.completeTestAuthentication(order, other))
                  .kind())
          .isEqualTo(ErrorKind.NOT_FOUND);
    }

    provider.offersTestAuthentication = false; // Stripe itself: Stripe.js does it in the browser
    assertThat(
            catchThrowableOfType(
                    DomainException.class,
                    () -> processing.completeTestAuthentication(order, payer))
                .kind())
        .isEqualTo(ErrorKind.INVALID_STATE);
    assertThat(payments.findByOrder(order).orElseThrow().status())
        .isEqualTo(PaymentStatus.REQUIRES_ACTION);

    provider.offersTestAuthentication = true;
    var paid = processing.completeTestAuthentication(order, payer);
    assertThat(paid.status()).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(events.published.getLast())
        .isInstanceOfSatisfying(
            PaymentStatusChanged.class,
            e -> assertThat(e.payment().status()).isEqualTo(PaymentStatus.SUCCEEDED));
    assertThat(
            catchThrowableOfType(
                    DomainException.class,
                    () -> processing.completeTestAuthentication(order, payer))
                .kind())
        .isEqualTo(ErrorKind.INVALID_STATE);
  }

  @Test
  void theLedgerOfAWindowHasTheProvidersIntentsAndOurPaymentsMadeInItOrForThem() {
    var old = processing.initiate(order, user, Money.of(1000, "EUR"), "pm_card_visa", 1);
    clock.advance(Duration.ofDays(2));
    Instant from = clock.instant();
    var recent = new OrderId(UUID.randomUUID());
    processing.initiate(recent, user, Money.of(500, "EUR"), null, 1);
    // the old payment's intent shows in the window (its listing says so), a foreign one too
    provider.listed.add(
        new PaymentProvider.ListedIntent(
            old.providerPaymentId(), order.toString(), "succeeded", old.amount(), 0, from));
    provider.listed.add(
        new PaymentProvider.ListedIntent(
            "pi_foreign", null, "succeeded", Money.of(1, "EUR"), 0, from.plusSeconds(1)));
    provider.listed.add(
        new PaymentProvider.ListedIntent(
            "pi_before", null, "canceled", Money.of(1, "EUR"), 0, from.minusSeconds(1)));

    var ledger = processing.ledgerSince(from);

    assertThat(ledger.intents())
        .extracting(PaymentProvider.ListedIntent::providerPaymentId)
        .containsExactlyInAnyOrder(old.providerPaymentId(), "pi_foreign");
    assertThat(ledger.payments())
        .extracting(Payment::orderId)
        .containsExactlyInAnyOrder(order, recent);
    assertThat(provider.calls).contains("list since " + from);
  }
}
