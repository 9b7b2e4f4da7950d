package orderpay.apps.stripe;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stripe.Stripe;
import java.security.SecureRandom;
import java.util.List;

/**
 * New objects shaped like Stripe's own (payment intents, charges, refunds, payment methods, events,
 * search pages), so that stripe-java reads them as it reads Stripe's.
 */
final class StripeViews {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private StripeViews() {}

  /** A new payment intent waiting for a payment method, every field Stripe sends present. */
  static ObjectNode newIntent(long amount, String currency, ObjectNode metadata) {
    String id = id("pi_");
    var intent = NODES.objectNode();
    intent.put("id", id);
    intent.put("object", "payment_intent");
    intent.put("amount", amount);
    intent.put("amount_capturable", 0);
    intent.putObject("amount_details").putObject("tip");
    intent.put("amount_received", 0);
    intent.putNull("application");
    intent.putNull("application_fee_amount");
    intent.putNull("automatic_payment_methods");
    intent.putNull("canceled_at");
    intent.putNull("cancellation_reason");
    intent.put("capture_method", "automatic");
    intent.put("client_secret", id + "_secret_" + random(25));
    intent.put("confirmation_method", "automatic");
    intent.put("created", now());
    intent.put("currency", currency);
    intent.putNull("customer");
    intent.putNull("description");
    intent.putNull("invoice");
    intent.putNull("last_payment_error");
    intent.putNull("latest_charge");
    intent.put("livemode", false);
    intent.set("metadata", metadata);
    intent.putNull("next_action");
    intent.putNull("on_behalf_of");
    intent.putNull("payment_method");
    intent.putObject("payment_method_options");
    intent.putArray("payment_method_types").add("card");
    intent.putNull("processing");
    intent.putNull("receipt_email");
    intent.putNull("review");
    intent.putNull("setup_future_usage");
    intent.putNull("shipping");
    intent.putNull("statement_descriptor");
    intent.putNull("statement_descriptor_suffix");
    intent.put("status", "requires_payment_method");
    intent.putNull("transfer_data");
    intent.putNull("transfer_group");
    return intent;
  }

  /** A charge attempt ("succeeded" or "failed") on the intent's payment method. */
  static ObjectNode newCharge(ObjectNode intent, String status) {
    var charge = NODES.objectNode();
    boolean succeeded = status.equals("succeeded");
    long amount = intent.get("amount").asLong();
    charge.put("id", id("ch_"));
    charge.put("object", "charge");
    charge.put("amount", amount);
    charge.put("amount_captured", succeeded ? amount : 0);
    charge.put("amount_refunded", 0);
    charge.put("captured", succeeded);
    charge.put("created", now());
    charge.put("currency", intent.get("currency").asText());
    if (succeeded) {
      charge.putNull("failure_code");
      charge.putNull("failure_message");
    } else {
      charge.put("failure_code", "card_declined");
      charge.put("failure_message", "Your card was declined.");
    }
    charge.put("livemode", false);
    charge.set("metadata", intent.get("metadata").deepCopy());
    charge.put("paid", succeeded);
    charge.put("payment_intent", intent.get("id").asText());
    charge.set("payment_method", intent.get("payment_method"));
    charge.put("refunded", false);
    charge.put("status", status);
    return charge;
  }

  /** A full refund of the intent's latest charge. */
  static ObjectNode newRefund(ObjectNode intent, ObjectNode metadata) {
    var refund = NODES.objectNode();
    refund.put("id", id("re_"));
    refund.put("object", "refund");
    refund.put("amount", intent.get("amount").asLong());
    refund.putNull("balance_transaction");
    refund.put("charge", intent.get("latest_charge").asText());
    refund.put("created", now());
    refund.put("currency", intent.get("currency").asText());
    refund.set("metadata", metadata);
    refund.put("payment_intent", intent.get("id").asText());
    refund.putNull("reason");
    refund.putNull("receipt_number");
    refund.putNull("source_transfer_reversal");
    refund.put("status", "succeeded");
    refund.putNull("transfer_reversal");
    return refund;
  }

  /** One of Stripe's test payment methods ({@code pm_card_*}): a Visa card. */
  static ObjectNode testCard(String id) {
    var method = NODES.objectNode();
    method.put("id", id);
    method.put("object", "payment_method");
    method.put("type", "card");
    method.put("livemode", false);
    method.put("created", now());
    method.putObject("metadata");
    var card = method.putObject("card");
    card.put("brand", "visa");
    card.put("last4", "4242");
    card.put("exp_month", 12);
    card.put("exp_year", 2034);
    return method;
  }

  /** An event about the object as it is now, as Stripe posts it to a webhook endpoint. */
  static ObjectNode event(String type, ObjectNode object) {
    var event = NODES.objectNode();
    event.put("id", id("evt_"));
    event.put("object", "event");
    event.put("api_version", Stripe.API_VERSION);
    event.put("created", now());
    event.putObject("data").set("object", object);
    event.put("livemode", false);
    event.put("pending_webhooks", 1);
    var request = event.putObject("request");
    request.putNull("id");
    request.putNull("idempotency_key");
    event.put("type", type);
    return event;
  }

  /** One page of a search: {@code limit} results from {@code offset}, and where the next starts. */
  static ObjectNode searchPage(String url, List<ObjectNode> found, int offset, int limit) {
    var result = NODES.objectNode();
    result.put("object", "search_result");
    result.put("url", url);
    var data = result.putArray("data");
    found.stream().skip(offset).limit(limit).forEach(data::add);
    boolean more = offset + limit < found.size();
    result.put("has_more", more);
    if (more) {
      result.put("next_page", Integer.toString(offset + limit));
    } else {
      result.putNull("next_page");
    }
    result.put("total_count", found.size());
    return result;
  }

  /** Stripe's timestamps: seconds since the epoch. */
  static long now() {
    return System.currentTimeMillis() / 1000;
  }

  private static String id(String prefix) {
    return prefix + random(24);
  }

  private static String random(int length) {
    var text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
    }
    return text.toString();
  }
}
