package orderpay.apps.stripe;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Not Stripe's API: every intent, charge attempt and refund with the {@code order_id} of its
 * intent, what an auditor compares with the order and payment databases.
 */
final class LedgerView {
  private static final List<String> CHARGE_FIELDS =
      List.of(
          "id",
          "status",
          "amount",
          "amount_captured",
          "amount_refunded",
          "refunded",
          "currency",
          "payment_intent",
          "failure_code",
          "created");
  private static final List<String> REFUND_FIELDS =
      List.of("id", "status", "amount", "currency", "charge", "payment_intent", "created");

  private LedgerView() {}

  /**
   * Builds the ledger from copies: intents in the order they were made, charge attempts in the
   * order they were made, refunds oldest first; {@code intentCopy} finds a refund's intent.
   */
  static ObjectNode of(
      List<ObjectNode> intents,
      List<ObjectNode> charges,
      List<ObjectNode> refunds,
      Function<String, ObjectNode> intentCopy) {
    var ledger = JsonNodeFactory.instance.objectNode();
    var intentList = ledger.putArray("payment_intents");
    for (var intent : intents) {
      var entry = intentList.addObject();
      entry.set("id", intent.get("id"));
      entry.set("status", intent.get("status"));
      entry.set("amount", intent.get("amount"));
      entry.set("amount_received", intent.get("amount_received"));
      entry.set("currency", intent.get("currency"));
      entry.set("order_id", intent.at("/metadata/order_id"));
      entry.set("metadata", intent.get("metadata"));
      entry.set("latest_charge", intent.get("latest_charge"));
      entry.set("created", intent.get("created"));
    }
    var chargeList = ledger.putArray("charges");
    for (var charge : charges) {
      var entry = chargeList.addObject();
      CHARGE_FIELDS.forEach(field -> entry.set(field, charge.get(field)));
      entry.set("order_id", charge.at("/metadata/order_id"));
    }
    var refundList = ledger.putArray("refunds");
    refunds.stream()
        .sorted(
            Comparator.comparingLong((ObjectNode r) -> r.get("created").asLong())
                .thenComparing(r -> r.get("id").asText()))
        .forEach(
            refund -> {
              var entry = refundList.addObject();
              REFUND_FIELDS.forEach(field -> entry.set(field, refund.get(field)));
              var intent = intentCopy.apply(refund.get("payment_intent").asText());
              entry.set("order_id", intent.at("/metadata/order_id"));
            });
    return ledger;
  }
}
