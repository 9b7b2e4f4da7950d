package orderpay.apps.sandbox.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When the auditor may read: only once nothing is in flight, payment news included. */
class AuditorSettledTest {

  private static final String ORDER = "order-1";
  private static final String PRODUCT = "product-1";

  private static Snapshot snapshot(
      String orderStatus, String holdStatus, String paymentStatus, StripeLedger ledger) {
    var order = order(orderStatus, null);
    return snapshot(order, holdStatus, paymentStatus, ledger, order.emailsOwed());
  }

  private static Snapshot.Order order(String status, String failureReason) {
    return new Snapshot.Order(ORDER, "user-1", "key-1", status, 2000, "EUR", "pi_1", failureReason);
  }

  /** A snapshot whose {@code emailsSent} were recorded, sent and received. */
  private static Snapshot snapshot(
      Snapshot.Order order,
      String holdStatus,
      String paymentStatus,
      StripeLedger ledger,
      Set<String> emailsSent) {
    var notifications = new ArrayList<Snapshot.Notification>();
    var mails = new ArrayList<Mailbox.Mail>();
    for (String template : emailsSent) {
      var notification = new Snapshot.Notification("n-" + template, ORDER, template, "SENT");
      notifications.add(notification);
      mails.add(
          new Mailbox.Mail(notification.messageId(), "a@example.com", template, template, ORDER));
    }
    return new Snapshot(
        Map.of(ORDER, order),
        List.of(new Snapshot.Line(ORDER, PRODUCT, 2)),
        Map.of(ORDER, new Snapshot.Reservation(ORDER, holdStatus)),
        List.of(new Snapshot.Line(ORDER, PRODUCT, 2)),
        Map.of(PRODUCT, new Snapshot.Stock(PRODUCT, 8, 0)),
        notifications,
        Map.of(ORDER, paymentStatus),
        ledger,
        mails,
        new RequestLog());
  }

  private static StripeLedger charged(boolean refunded) {
    var charge =
        new StripeLedger.Charge(
            "ch_1", "succeeded", 2000, refunded ? 2000 : 0, "eur", "pi_1", ORDER);
    var refunds =
        refunded
            ? List.of(new StripeLedger.Refund("re_1", "succeeded", 2000, "pi_1", "ch_1", ORDER))
            : List.<StripeLedger.Refund>of();
    return new StripeLedger(
        List.of(new StripeLedger.Intent("pi_1", "succeeded", 2000, "eur", ORDER)),
        List.of(charge),
        refunds);
  }

  @Test
  void aPaidOrderWhosePaymentSucceededHasSettled() {
    var snapshot = snapshot("PAID", "COMMITTED", "SUCCEEDED", charged(false));
    assertThat(snapshot.settled()).isTrue();
    assertThat(MoneyChecks.moneyAndStockConserved(snapshot)).isEmpty();
  }

  @Test
  void aRefundItsOrderHasNotHeardOfYetIsStillInFlight() {
    // run 20 of the first full battery: payment REFUNDED, its order still PAID for 10 s more
    assertThat(snapshot("PAID", "COMMITTED", "REFUNDED", charged(true)).settled()).isFalse();
  }

  @Test
  void theSameRefundOnceItsOrderCaughtUpHasSettled() {
    var snapshot = snapshot("REFUNDED", "RELEASED", "REFUNDED", charged(true));
    assertThat(snapshot.settled()).isTrue();
    assertThat(MoneyChecks.moneyAndStockConserved(snapshot)).isEmpty();
  }

  @Test
  void aSuccessfulPaymentForACancelledOrderAwaitsItsRefund() {
    assertThat(snapshot("CANCELLED", "RELEASED", "SUCCEEDED", charged(false)).settled()).isFalse();
  }

  @Test
  void aPendingOrderIsStillInFlight() {
    assertThat(snapshot("PENDING", "RESERVED", "PENDING", charged(false)).settled()).isFalse();
  }

  @Test
  void moneyMovedBehindTheSystemsBackIsNotWaitedForButReported() {
    // a refund made at Stripe that no webhook told the payment service about: nothing is in flight
    var snapshot = snapshot("PAID", "COMMITTED", "SUCCEEDED", charged(true));
    assertThat(snapshot.settled()).isTrue();
    assertThat(MoneyChecks.moneyAndStockConserved(snapshot))
        .containsExactly(new Finding.Violation(ORDER, "PAID order of 2000: 0 kept at Stripe"));
  }

  @Test
  void aPaidOrderWhoseReceiptWasNeverRecordedIsWaitedForThenReported() {
    var snapshot =
        snapshot(
            order("PAID", null),
            "COMMITTED",
            "SUCCEEDED",
            charged(false),
            Set.of("order_confirmation"));
    assertThat(snapshot.settled()).isFalse();
    assertThat(EmailChecks.oneEmailPerEventAndTemplate(snapshot))
        .containsExactly(
            new Finding.Violation(
                ORDER + "/payment_succeeded", "PAID order, no payment_succeeded email"));
  }

  @Test
  void anOrderRefusedForLackOfStockOwesNoEmailButADeclinedOneDoes() {
    var refused =
        snapshot(
            order("FAILED", "insufficient_stock"),
            "RELEASED",
            "CANCELLED",
            charged(false),
            Set.of());
    assertThat(EmailChecks.emailsNotRecorded(refused)).isEmpty();
    var declined =
        snapshot(order("FAILED", "card_declined"), "RELEASED", "FAILED", charged(false), Set.of());
    assertThat(EmailChecks.emailsNotRecorded(declined))
        .containsExactly(
            new Finding.Violation(
                ORDER + "/payment_failed", "FAILED order, no payment_failed email"));
  }
}
