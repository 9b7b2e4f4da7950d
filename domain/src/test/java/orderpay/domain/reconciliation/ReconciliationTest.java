package orderpay.domain.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import orderpay.domain.inventory.ReservationStatus;
import orderpay.domain.money.Money;
import orderpay.domain.order.OrderStatus;
import orderpay.domain.payment.PaymentStatus;
import orderpay.domain.reconciliation.Problem.Kind;
import org.junit.jupiter.api.Test;

/** The audit's invariants over the three sides, one test per kind of difference. */
class ReconciliationTest {
  private static final Money TOTAL = Money.of(2100, "EUR");

  /** The four lists of one comparison, built up order by order. */
  private final List<ProviderIntent> intents = new ArrayList<>();

  private final List<RecordedPayment> payments = new ArrayList<>();
  private final List<RecordedOrder> orders = new ArrayList<>();
  private final List<StockHold> holds = new ArrayList<>();

  private ProviderIntent intent(String id, String orderId, String status, long refunded) {
    var intent = new ProviderIntent(id, orderId, status, TOTAL, refunded);
    intents.add(intent);
    return intent;
  }

  private void payment(String orderId, String intentId, PaymentStatus status) {
    payments.add(new RecordedPayment("pay-" + orderId, orderId, intentId, status));
  }

  private void order(String id, OrderStatus status) {
    orders.add(new RecordedOrder(id, status, TOTAL));
  }

  private void stock(String orderId, ReservationStatus status) {
    holds.add(new StockHold(orderId, status));
  }

  /** An order as the saga leaves it: intent, payment, order and stock all in agreement. */
  private void consistent(
      String orderId,
      String intentStatus,
      long refunded,
      PaymentStatus payment,
      OrderStatus order,
      ReservationStatus stock) {
    intent("pi_" + orderId, orderId, intentStatus, refunded);
    payment(orderId, "pi_" + orderId, payment);
    order(orderId, order);
    stock(orderId, stock);
  }

  private ReconciliationReport report() {
    return Reconciliation.compare(intents, payments, orders, holds);
  }

  /** The kinds of problem on the rows of the report, row by row, differences only. */
  private List<List<Kind>> differences() {
    return report().differences().stream()
        .map(row -> row.problems().stream().map(Problem::kind).toList())
        .toList();
  }

  private void paid(String orderId) {
    consistent(
        orderId,
        "succeeded",
        0,
        PaymentStatus.SUCCEEDED,
        OrderStatus.PAID,
        ReservationStatus.COMMITTED);
  }

  @Test
  void paidDeclinedCancelledRefundedAndPendingOrdersAgreeEverywhere() {
    paid("paid");
    consistent(
        "declined",
        "requires_payment_method",
        0,
        PaymentStatus.FAILED,
        OrderStatus.FAILED,
        ReservationStatus.RELEASED);
    consistent(
        "cancelled",
        "canceled",
        0,
        PaymentStatus.CANCELLED,
        OrderStatus.CANCELLED,
        ReservationStatus.RELEASED);
    consistent(
        "refunded",
        "succeeded",
        2100,
        PaymentStatus.REFUNDED,
        OrderStatus.REFUNDED,
        ReservationStatus.RETURNED);
    consistent(
        "pending",
        "requires_payment_method",
        0,
        PaymentStatus.PENDING,
        OrderStatus.PENDING,
        ReservationStatus.RESERVED);
    // a late charge on a declined order, already refunded: nothing kept, nothing wrong
    consistent(
        "late",
        "succeeded",
        2100,
        PaymentStatus.REFUNDED,
        OrderStatus.FAILED,
        ReservationStatus.EXPIRED);

    var report = report();
    assertThat(report.differences()).isEmpty();
    assertThat(report.rows()).hasSize(6);
    assertThat(report.intents()).isEqualTo(6);
    assertThat(report.orders()).isEqualTo(6);
    var row = report.rows().getFirst();
    assertThat(row.intent().id()).isEqualTo("pi_paid");
    assertThat(row.payment().status()).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(row.order().status()).isEqualTo(OrderStatus.PAID);
    assertThat(row.stock().status()).isEqualTo(ReservationStatus.COMMITTED);
  }

  @Test
  void anIntentForNoOrderIsAnOrphan() {
    paid("paid");
    intent("pi_foreign", null, "succeeded", 0);
    intent("pi_gone", "deleted-order", "succeeded", 0);

    var report = report();
    assertThat(report.differences())
        .extracting(row -> row.intent().id())
        .containsExactly("pi_foreign", "pi_gone");
    assertThat(differences())
        .containsExactly(List.of(Kind.ORPHAN_INTENT), List.of(Kind.ORPHAN_INTENT));
    assertThat(report.differences().getFirst().problems().getFirst().message())
        .contains("pi_foreign", "succeeded", "21.00 EUR", "no order_id");
    assertThat(report.differences().get(1).orderId()).isEqualTo("deleted-order");
  }

  @Test
  void aPaymentForNoOrderIsAnOrphan() {
    payment("ghost", null, PaymentStatus.PENDING);

    var row = report().differences().getFirst();
    assertThat(row.intent()).isNull();
    assertThat(row.payment().id()).isEqualTo("pay-ghost");
    assertThat(differences()).containsExactly(List.of(Kind.ORPHAN_PAYMENT));
  }

  @Test
  void moneyKeptForAnOrderThatIsNotPaidIsChargedNotPaid() {
    // a declined intent confirmed again at Stripe whose webhook never came
    consistent(
        "failed",
        "succeeded",
        0,
        PaymentStatus.FAILED,
        OrderStatus.FAILED,
        ReservationStatus.RELEASED);
    paid("paid");

    var row = report().differences().getFirst();
    assertThat(row.orderId()).isEqualTo("failed");
    assertThat(differences()).containsExactly(List.of(Kind.CHARGED_NOT_PAID));
    assertThat(row.problems().getFirst().message())
        .isEqualTo("Stripe keeps 21.00 EUR but the order is FAILED");
  }

  @Test
  void aPaidOrderWithoutASucceededIntentIsPaidNotCharged() {
    intent("pi_1", "paid-declined", "requires_payment_method", 0);
    payment("paid-declined", "pi_1", PaymentStatus.FAILED);
    order("paid-declined", OrderStatus.PAID);
    stock("paid-declined", ReservationStatus.COMMITTED);
    // and one whose intent Stripe does not have at all
    payment("paid-no-intent", null, PaymentStatus.SUCCEEDED);
    order("paid-no-intent", OrderStatus.PAID);
    stock("paid-no-intent", ReservationStatus.COMMITTED);

    assertThat(differences())
        .containsExactly(List.of(Kind.PAID_NOT_CHARGED), List.of(Kind.PAID_NOT_CHARGED));
    assertThat(report().differences())
        .extracting(row -> row.problems().getFirst().message())
        .containsExactly(
            "order PAID but no intent of it succeeded at Stripe (requires_payment_method)",
            "order PAID but Stripe has no intent for it");
  }

  @Test
  void anIntentForAnotherAmountThanTheOrderTotalIsAMismatch() {
    intents.add(new ProviderIntent("pi_1", "o", "succeeded", Money.of(2000, "EUR"), 0));
    payment("o", "pi_1", PaymentStatus.SUCCEEDED);
    order("o", OrderStatus.PAID);
    stock("o", ReservationStatus.COMMITTED);

    assertThat(differences()).containsExactly(List.of(Kind.AMOUNT_MISMATCH));
    assertThat(report().rows().getFirst().problems().getFirst().message())
        .isEqualTo("Stripe amount 20.00 EUR, order total 21.00 EUR");
  }

  @Test
  void anotherCurrencyIsAMismatchToo() {
    intents.add(new ProviderIntent("pi_1", "o", "succeeded", Money.of(2100, "USD"), 0));
    payment("o", "pi_1", PaymentStatus.SUCCEEDED);
    order("o", OrderStatus.PAID);
    stock("o", ReservationStatus.COMMITTED);

    assertThat(differences()).containsExactly(List.of(Kind.AMOUNT_MISMATCH));
  }

  @Test
  void twoIntentsKeepingMoneyForOneOrderAreADuplicateCharge() {
    paid("o");
    intent("pi_second", "o", "succeeded", 0); // an earlier attempt that charged too

    var report = report();
    assertThat(differences())
        .containsExactly(List.of(Kind.DUPLICATE_CHARGE), List.of(Kind.DUPLICATE_CHARGE));
    assertThat(report.differences())
        .extracting(row -> row.intent().id())
        .containsExactly("pi_o", "pi_second");
    // the second intent is not the payment's: it is matched to the order by its metadata only
    assertThat(report.differences().get(1).payment()).isNull();
    assertThat(report.differences().get(1).order().id()).isEqualTo("o");
  }

  @Test
  void aRefundAtStripeForAnOrderStillPaidIsNotRecorded() {
    consistent(
        "o",
        "succeeded",
        2100,
        PaymentStatus.SUCCEEDED,
        OrderStatus.PAID,
        ReservationStatus.COMMITTED);

    assertThat(differences()).containsExactly(List.of(Kind.REFUND_NOT_RECORDED));
    assertThat(report().rows().getFirst().problems().getFirst().message())
        .isEqualTo("Stripe refunded 21.00 EUR but the order is still PAID");
  }

  @Test
  void aPartialRefundForAPaidOrderIsNotRecordedEither() {
    consistent(
        "o",
        "succeeded",
        100,
        PaymentStatus.SUCCEEDED,
        OrderStatus.PAID,
        ReservationStatus.COMMITTED);

    assertThat(differences()).containsExactly(List.of(Kind.REFUND_NOT_RECORDED));
  }

  @Test
  void aRefundedOrderWhoseMoneyStripeStillKeepsIsARefundMissing() {
    consistent(
        "kept",
        "succeeded",
        0,
        PaymentStatus.REFUNDED,
        OrderStatus.REFUNDED,
        ReservationStatus.RETURNED);
    consistent(
        "never-charged",
        "canceled",
        0,
        PaymentStatus.CANCELLED,
        OrderStatus.REFUNDED,
        ReservationStatus.RETURNED);

    assertThat(differences())
        .containsExactly(List.of(Kind.REFUND_MISSING), List.of(Kind.REFUND_MISSING));
    assertThat(report().differences())
        .extracting(row -> row.problems().getFirst().message())
        .containsExactly(
            "order REFUNDED but Stripe still keeps 21.00 EUR",
            "order REFUNDED but Stripe shows no refund");
  }

  @Test
  void aPaidOrderWhoseUnitsAreNotCommittedIsFlagged() {
    consistent(
        "released",
        "succeeded",
        0,
        PaymentStatus.SUCCEEDED,
        OrderStatus.PAID,
        ReservationStatus.RELEASED);
    intent("pi_none", "no-stock", "succeeded", 0);
    payment("no-stock", "pi_none", PaymentStatus.SUCCEEDED);
    order("no-stock", OrderStatus.PAID);

    assertThat(differences())
        .containsExactly(
            List.of(Kind.PAID_STOCK_NOT_COMMITTED), List.of(Kind.PAID_STOCK_NOT_COMMITTED));
    assertThat(report().differences())
        .extracting(row -> row.problems().getFirst().message())
        .containsExactly(
            "order PAID but its stock is RELEASED", "order PAID but its stock is not reserved");
  }

  @Test
  void unitsCommittedForAnOrderThatIsNotPaidAreFlagged() {
    consistent(
        "failed",
        "requires_payment_method",
        0,
        PaymentStatus.FAILED,
        OrderStatus.FAILED,
        ReservationStatus.COMMITTED);
    // a refund puts the units back on the shelf (RETURNED): still COMMITTED is a difference
    consistent(
        "refunded",
        "succeeded",
        2100,
        PaymentStatus.REFUNDED,
        OrderStatus.REFUNDED,
        ReservationStatus.COMMITTED);

    assertThat(differences())
        .containsExactly(
            List.of(Kind.STOCK_COMMITTED_NOT_PAID), List.of(Kind.STOCK_COMMITTED_NOT_PAID));
    assertThat(report().differences().get(1).problems().getFirst().message())
        .isEqualTo("order REFUNDED but its units are COMMITTED");
  }

  @Test
  void unitsStillHeldForAFinishedOrderAreFlagged() {
    consistent(
        "cancelled",
        "canceled",
        0,
        PaymentStatus.CANCELLED,
        OrderStatus.CANCELLED,
        ReservationStatus.RESERVED);
    // a PENDING order holds its units by right
    consistent(
        "pending",
        "requires_payment_method",
        0,
        PaymentStatus.PENDING,
        OrderStatus.PENDING,
        ReservationStatus.RESERVED);

    assertThat(differences()).containsExactly(List.of(Kind.STOCK_STILL_HELD));
    assertThat(report().differences().getFirst().orderId()).isEqualTo("cancelled");
  }

  @Test
  void anIntentWhoseCreateAnswerWasLostIsMatchedToItsPaymentByTheOrderInItsMetadata() {
    intent("pi_lost", "o", "requires_payment_method", 0);
    payment("o", null, PaymentStatus.PENDING);
    order("o", OrderStatus.PENDING);
    stock("o", ReservationStatus.RESERVED);

    var report = report();
    assertThat(report.rows())
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.intent().id()).isEqualTo("pi_lost");
              assertThat(row.payment().id()).isEqualTo("pay-o");
              assertThat(row.problems()).isEmpty();
            });
  }

  @Test
  void paymentsWithoutAnIntentAndBareOrdersAreRowsOfTheirOwn() {
    payment("no-intent", null, PaymentStatus.CANCELLED);
    order("no-intent", OrderStatus.CANCELLED);
    stock("no-intent", ReservationStatus.RELEASED);
    order("bare", OrderStatus.PENDING);

    var rows = report().rows();
    assertThat(rows).extracting(ReconciliationRow::orderId).containsExactly("no-intent", "bare");
    assertThat(rows.getFirst().payment()).isNotNull();
    assertThat(rows.get(1).payment()).isNull();
    assertThat(rows.get(1).order().status()).isEqualTo(OrderStatus.PENDING);
    assertThat(rows).allMatch(row -> row.problems().isEmpty() && row.intent() == null);
  }

  @Test
  void anOrdersProblemsAreListedOnceAndDifferencesComeFirst() {
    paid("fine");
    // two intents of one PAID order, neither succeeded, stock released: order problems once
    intent("pi_a", "bad", "canceled", 0);
    intent("pi_b", "bad", "requires_payment_method", 0);
    payment("bad", "pi_b", PaymentStatus.FAILED);
    order("bad", OrderStatus.PAID);
    stock("bad", ReservationStatus.RELEASED);

    var rows = report().rows();
    assertThat(rows)
        .extracting(row -> row.intent().id())
        .containsExactly("pi_a", "pi_fine", "pi_b");
    assertThat(rows.getFirst().problems())
        .extracting(Problem::kind)
        .containsExactly(Kind.PAID_NOT_CHARGED, Kind.PAID_STOCK_NOT_COMMITTED);
    assertThat(rows.get(2).problems()).isEmpty();
    assertThat(report().differences()).hasSize(1);
  }

  @Test
  void everyKindHasASnakeCaseCode() {
    assertThat(Kind.CHARGED_NOT_PAID.code()).isEqualTo("charged_not_paid");
    assertThat(Kind.values()).extracting(Kind::code).allMatch(code -> code.matches("[a-z_]+"));
  }
}
