package orderpay.domain.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import orderpay.domain.money.Money;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.Reader;
import orderpay.domain.user.UserId;
import org.junit.jupiter.api.Test;

class PaymentQueriesTest {
  private final PaymentFixture f = new PaymentFixture();
  private final PaymentQueries queries = f.queries;

  @Test
  void aPaymentIsShownToItsPayerAndToAnAdminByIdOrByOrder() {
    var payment =
        f.initiatePayment.initiate(f.order, f.user, Money.of(1000, "EUR"), "pm_card_visa", 1);
    var payer = Reader.of(f.user, false);
    var admin = Reader.of(new UserId(UUID.randomUUID()), true);

    for (var reader : List.of(payer, admin)) {
      assertThat(queries.readById(payment.id(), reader)).isEqualTo(payment);
      assertThat(queries.readByOrder(f.order, reader)).isEqualTo(payment);
    }
  }

  @Test
  void toAnotherCustomerAPaymentIsNotFound() {
    var payment =
        f.initiatePayment.initiate(f.order, f.user, Money.of(1000, "EUR"), "pm_card_visa", 1);
    var stranger = Reader.of(new UserId(UUID.randomUUID()), false);

    assertThatThrownBy(() -> queries.readById(payment.id(), stranger))
        .isInstanceOfSatisfying(DomainException.class, e -> isNotFound(e, payment.id()));
    // by order, the stranger's answer is the one for an order that has no payment at all
    var noPayment = OrderId.parse(UUID.randomUUID().toString());
    var unpaid = catchThrowableOfType(DomainException.class, () -> queries.byOrder(noPayment));
    assertThatThrownBy(() -> queries.readByOrder(f.order, stranger))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> {
              isNotFound(e, f.order.toString());
              assertThat(e.details().keySet()).isEqualTo(unpaid.details().keySet());
            });
  }

  /** The answer for a payment {@code id} that is not there (or not the reader's to see). */
  private static void isNotFound(DomainException e, String id) {
    assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
    assertThat(e.reason()).isEqualTo("not_found");
    assertThat(e).hasMessage("payment not found");
    assertThat(e.details()).isEqualTo(Map.of("id", id));
  }

  @Test
  void aPaymentsActivityListsTheProviderEventsAboutItsIntentToItsPayerAndAnAdmin() {
    var payment = f.initiatePayment.initiate(f.order, f.user, Money.of(1000, "EUR"), null, 1);
    var otherOrder = OrderId.parse(UUID.randomUUID().toString());
    var other = f.initiatePayment.initiate(otherOrder, f.user, Money.of(500, "EUR"), null, 1);
    for (var event : List.of("evt_a", "evt_a", "evt_b")) {
      f.deliver(
          new ProviderEvent(
              event,
              "payment_intent.requires_action",
              payment.providerPaymentId(),
              Optional.of(PaymentStatus.REQUIRES_ACTION),
              null,
              f.order.toString()));
    }
    f.deliver(
        new ProviderEvent(
            "evt_other",
            "payment_intent.succeeded",
            other.providerPaymentId(),
            Optional.of(PaymentStatus.SUCCEEDED),
            null,
            otherOrder.toString()));

    var admin = Reader.of(new UserId(UUID.randomUUID()), true);
    for (var reader : List.of(Reader.of(f.user, false), admin)) {
      var activity = queries.activityOf(f.order, reader);
      assertThat(activity.payment().id()).isEqualTo(payment.id());
      assertThat(activity.providerEvents())
          .extracting(ProcessedEvents.Received::eventId)
          .containsExactly("evt_a", "evt_b");
    }
    var stranger = Reader.of(new UserId(UUID.randomUUID()), false);
    assertThatThrownBy(() -> queries.activityOf(f.order, stranger))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
  }

  @Test
  void theLedgerOfAWindowHasTheProvidersIntentsAndOurPaymentsMadeInItOrForThem() {
    var old = f.initiatePayment.initiate(f.order, f.user, Money.of(1000, "EUR"), "pm_card_visa", 1);
    f.clock.advance(Duration.ofDays(2));
    Instant from = f.clock.instant();
    var recent = new OrderId(UUID.randomUUID());
    f.initiatePayment.initiate(recent, f.user, Money.of(500, "EUR"), null, 1);
    // the old payment's intent shows in the window (its listing says so), a foreign one too
    f.provider.listed.add(
        new PaymentProvider.ListedIntent(
            old.providerPaymentId(), f.order.toString(), "succeeded", old.amount(), 0, from));
    f.provider.listed.add(
        new PaymentProvider.ListedIntent(
            "pi_foreign", null, "succeeded", Money.of(1, "EUR"), 0, from.plusSeconds(1)));
    f.provider.listed.add(
        new PaymentProvider.ListedIntent(
            "pi_before", null, "canceled", Money.of(1, "EUR"), 0, from.minusSeconds(1)));

    var ledger = queries.ledgerSince(from);

    assertThat(ledger.intents())
        .extracting(PaymentProvider.ListedIntent::providerPaymentId)
        .containsExactlyInAnyOrder(old.providerPaymentId(), "pi_foreign");
    assertThat(ledger.payments())
        .extracting(Payment::orderId)
        .containsExactlyInAnyOrder(f.order, recent);
    assertThat(f.provider.calls).contains("list since " + from);
  }
}
