package orderpay.adapters.rest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import orderpay.domain.money.Money;
import orderpay.domain.reconciliation.ReconciliationReport;
import orderpay.domain.reconciliation.ReconciliationRow;

/** The reconciliation report's API shape (snake_case; absent parts are null). */
final class ReconciliationJson {
  private ReconciliationJson() {}

  static Map<String, Object> report(Instant from, Instant to, ReconciliationReport report) {
    var json = new LinkedHashMap<String, Object>();
    json.put("from", from.toString());
    json.put("to", to.toString());
    json.put("intents", report.intents());
    json.put("orders", report.orders());
    json.put("differences", report.differences().size());
    json.put("rows", report.rows().stream().map(ReconciliationJson::row).toList());
    return json;
  }

  private static Map<String, Object> row(ReconciliationRow row) {
    var intent = row.intent();
    var json = new LinkedHashMap<String, Object>();
    json.put("provider_payment_id", intent == null ? null : intent.id());
    json.put("order_id", row.orderId());
    json.put("stripe_status", intent == null ? null : intent.status());
    json.put("stripe_amount", intent == null ? null : money(intent.amount()));
    json.put(
        "stripe_amount_refunded",
        intent == null
            ? null
            : money(new Money(intent.amountRefunded(), intent.amount().currency())));
    json.put("payment_id", row.payment() == null ? null : row.payment().id());
    json.put("payment_status", row.payment() == null ? null : row.payment().status().name());
    json.put("order_status", row.order() == null ? null : row.order().status().name());
    json.put("order_total", row.order() == null ? null : money(row.order().total()));
    json.put("stock_status", row.stock() == null ? null : row.stock().status().name());
    json.put(
        "problems",
        row.problems().stream()
            .map(problem -> Map.of("code", problem.kind().code(), "message", problem.message()))
            .toList());
    return json;
  }

  private static Map<String, Object> money(Money money) {
    var json = new LinkedHashMap<String, Object>();
    json.put("amount", money.amountMinor());
    json.put("currency", money.currencyCode());
    return json;
  }
}
