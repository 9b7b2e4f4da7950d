package orderpay.domain.reconciliation;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.mapping;
import static java.util.stream.Collectors.toList;
import static java.util.stream.Collectors.toSet;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import orderpay.domain.inventory.ReservationStatus;
import orderpay.domain.money.Money;
import orderpay.domain.order.OrderStatus;
import orderpay.domain.reconciliation.Problem.Kind;

/**
 * Compares what the payment provider holds with what our services recorded, by the invariants the
 * fault battery audits: money is kept at the provider for an order if and only if it is PAID, once,
 * and for its total; a PAID order's units are COMMITTED and no other order's are; a finished order
 * holds no units; nothing at the provider or in our payments points at an order we do not have.
 *
 * <p>Pure: the caller gathers the lists (the provider's intents of a window, and our payments,
 * orders and reservations for them). Each intent is a row; payments without an intent and orders
 * with neither are rows too. Problems about an intent go on its row; problems about an order go on
 * the first row of that order.
 */
public final class Reconciliation {
  private Reconciliation() {}

  /** One row before it is judged: any part may be null. */
  private record Match(ProviderIntent intent, RecordedPayment payment, String orderId) {}

  public static ReconciliationReport compare(
      List<ProviderIntent> intents,
      List<RecordedPayment> payments,
      List<RecordedOrder> orders,
      List<StockHold> holds) {
    var matches = match(intents, payments, orders);
    var orderById = new HashMap<String, RecordedOrder>();
    orders.forEach(order -> orderById.putIfAbsent(order.id(), order));
    var holdByOrder = new HashMap<String, StockHold>();
    holds.forEach(hold -> holdByOrder.putIfAbsent(hold.orderId(), hold));
    Map<String, List<ProviderIntent>> intentsByOrder =
        matches.stream()
            .filter(m -> m.intent() != null && m.orderId() != null)
            .collect(groupingBy(Match::orderId, mapping(Match::intent, toList())));

    var rows = new ArrayList<ReconciliationRow>();
    var judgedOrders = new HashSet<String>();
    for (var m : matches) {
      var order = m.orderId() == null ? null : orderById.get(m.orderId());
      var hold = m.orderId() == null ? null : holdByOrder.get(m.orderId());
      var problems = new ArrayList<Problem>();
      if (order == null) {
        orphan(m, problems);
      } else {
        var ofOrder = intentsByOrder.getOrDefault(order.id(), List.of());
        if (m.intent() != null) {
          intentRules(m.intent(), order, ofOrder, problems);
        }
        if (judgedOrders.add(order.id())) {
          orderRules(order, hold, ofOrder, problems);
        }
      }
      rows.add(new ReconciliationRow(m.intent(), m.payment(), m.orderId(), order, hold, problems));
    }
    // differences first, otherwise as listed (List.sort is stable)
    rows.sort(Comparator.comparing(row -> !row.isDifference()));
    return new ReconciliationReport(rows, intents.size(), orders.size());
  }

  /** Each intent with its payment and order; then payments without an intent; then bare orders. */
  private static List<Match> match(
      List<ProviderIntent> intents, List<RecordedPayment> payments, List<RecordedOrder> orders) {
    var paymentByIntent = new HashMap<String, RecordedPayment>();
    var paymentByOrder = new HashMap<String, RecordedPayment>();
    for (var payment : payments) {
      if (payment.providerPaymentId() != null) {
        paymentByIntent.putIfAbsent(payment.providerPaymentId(), payment);
      }
      paymentByOrder.putIfAbsent(payment.orderId(), payment);
    }
    var matches = new ArrayList<Match>();
    var matchedPayments = new HashSet<String>();
    for (var intent : intents) {
      var payment = paymentByIntent.get(intent.id());
      if (payment == null && intent.orderId() != null) {
        // a payment whose create answer was lost does not know its intent yet; one that knows
        // another intent is not this one's
        var ofOrder = paymentByOrder.get(intent.orderId());
        payment = ofOrder != null && ofOrder.providerPaymentId() == null ? ofOrder : null;
      }
      if (payment != null) {
        matchedPayments.add(payment.id());
      }
      matches.add(
          new Match(intent, payment, payment != null ? payment.orderId() : intent.orderId()));
    }
    for (var payment : payments) {
      if (matchedPayments.add(payment.id())) {
        matches.add(new Match(null, payment, payment.orderId()));
      }
    }
    var covered = matches.stream().map(Match::orderId).filter(Objects::nonNull).collect(toSet());
    for (var order : orders) {
      if (covered.add(order.id())) {
        matches.add(new Match(null, null, order.id()));
      }
    }
    return matches;
  }

  private static void orphan(Match m, List<Problem> problems) {
    if (m.intent() != null) {
      var intent = m.intent();
      String what =
          "intent %s (%s, %s)".formatted(intent.id(), intent.status(), words(intent.amount()));
      problems.add(
          new Problem(
              Kind.ORPHAN_INTENT,
              m.orderId() == null
                  ? what + " has no order_id and matches no payment"
                  : what + " is for order " + m.orderId() + ", which does not exist"));
    } else if (m.payment() != null) {
      problems.add(
          new Problem(
              Kind.ORPHAN_PAYMENT,
              "payment %s is for order %s, which does not exist"
                  .formatted(m.payment().id(), m.orderId())));
    }
  }

  private static void intentRules(
      ProviderIntent intent,
      RecordedOrder order,
      List<ProviderIntent> ofOrder,
      List<Problem> problems) {
    if (intent.kept() > 0) {
      switch (order.status()) {
        case PENDING, FAILED, CANCELLED ->
            problems.add(
                new Problem(
                    Kind.CHARGED_NOT_PAID,
                    "Stripe keeps %s but the order is %s"
                        .formatted(kept(intent.kept(), intent.amount()), order.status())));
        case PAID, REFUNDED -> {} // PAID is right; a REFUNDED order's refund_missing says it
      }
      long keeping = ofOrder.stream().filter(i -> i.kept() > 0).count();
      if (keeping > 1) {
        problems.add(
            new Problem(
                Kind.DUPLICATE_CHARGE,
                "%d intents keep money for this order at Stripe".formatted(keeping)));
      }
    }
    if (intent.refunded() && order.status() == OrderStatus.PAID) {
      problems.add(
          new Problem(
              Kind.REFUND_NOT_RECORDED,
              "Stripe refunded %s but the order is still PAID"
                  .formatted(kept(intent.amountRefunded(), intent.amount()))));
    }
    if (!intent.amount().equals(order.total())) {
      problems.add(
          new Problem(
              Kind.AMOUNT_MISMATCH,
              "Stripe amount %s, order total %s"
                  .formatted(words(intent.amount()), words(order.total()))));
    }
  }

  private static void orderRules(
      RecordedOrder order, StockHold hold, List<ProviderIntent> ofOrder, List<Problem> problems) {
    ReservationStatus held = hold == null ? null : hold.status();
    switch (order.status()) {
      case PAID -> {
        if (ofOrder.stream().noneMatch(ProviderIntent::succeeded)) {
          problems.add(
              new Problem(
                  Kind.PAID_NOT_CHARGED,
                  ofOrder.isEmpty()
                      ? "order PAID but Stripe has no intent for it"
                      : "order PAID but no intent of it succeeded at Stripe ("
                          + String.join(", ", ofOrder.stream().map(ProviderIntent::status).toList())
                          + ")"));
        }
        if (held != ReservationStatus.COMMITTED) {
          problems.add(
              new Problem(
                  Kind.PAID_STOCK_NOT_COMMITTED,
                  "order PAID but its stock is " + (held == null ? "not reserved" : held)));
        }
      }
      case REFUNDED -> {
        long kept = ofOrder.stream().mapToLong(ProviderIntent::kept).sum();
        if (kept > 0) {
          problems.add(
              new Problem(
                  Kind.REFUND_MISSING,
                  "order REFUNDED but Stripe still keeps " + kept(kept, order.total())));
        } else if (ofOrder.stream().noneMatch(ProviderIntent::refunded)) {
          problems.add(
              new Problem(Kind.REFUND_MISSING, "order REFUNDED but Stripe shows no refund"));
        }
      }
      case PENDING, FAILED, CANCELLED -> {}
    }
    if (order.status() != OrderStatus.PAID && held == ReservationStatus.COMMITTED) {
      problems.add(
          new Problem(
              Kind.STOCK_COMMITTED_NOT_PAID,
              "order " + order.status() + " but its units are COMMITTED"));
    }
    if (order.status().isTerminal() && held == ReservationStatus.RESERVED) {
      problems.add(
          new Problem(
              Kind.STOCK_STILL_HELD, "order " + order.status() + " but its units are still held"));
    }
  }

  /** {@code minor} units of {@code like}'s currency, in words. */
  private static String kept(long minor, Money like) {
    return words(new Money(minor, like.currency()));
  }

  /** E.g. "21.00 EUR". */
  static String words(Money money) {
    int digits = Math.max(0, money.currency().getDefaultFractionDigits());
    return BigDecimal.valueOf(money.amountMinor(), digits).toPlainString()
        + " "
        + money.currencyCode();
  }
}
