package orderpay.apps.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The payment intents, charge attempts and refunds made so far, in memory, and the intent's state
 * machine with Stripe's rules and test cards. Each intent changes only under its own lock, and
 * every object leaves this class as a copy taken under that lock.
 */
final class PaymentIntents {
  private final Map<String, ObjectNode> intents = new ConcurrentHashMap<>();
  private final Queue<String> intentsInOrder = new ConcurrentLinkedQueue<>();
  private final Map<String, ObjectNode> refundsByIntent = new ConcurrentHashMap<>();
  // every charge attempt, succeeded or failed, in the order they were made
  private final Map<String, ObjectNode> charges =
      Collections.synchronizedMap(new LinkedHashMap<>());
  private final WebhookSender webhooks;

  PaymentIntents(WebhookSender webhooks) {
    this.webhooks = webhooks;
  }

  int count() {
    return intents.size();
  }

  /** How much of the intent's charge was refunded (0 if none). */
  long refundedAmount(String intentId) {
    var refund = refundsByIntent.get(intentId);
    return refund == null ? 0 : refund.get("amount").asLong();
  }

  /** A payment intent as it is now. */
  ObjectNode intent(String id) {
    var intent = intents.get(id);
    if (intent == null) {
      throw StripeError.missing("No such payment_intent: '" + id + "'");
    }
    return copy(intent);
  }

  ObjectNode create(Map<String, String> params) {
    long amount = FormParams.amount(params.get("amount"));
    String currency = params.getOrDefault("currency", "");
    if (!currency.matches("[a-z]{3}")) {
      throw StripeError.invalidRequest(
          "parameter_invalid_empty", "Missing required param: currency.");
    }
    var intent = StripeViews.newIntent(amount, currency, FormParams.metadata(params));
    String id = intent.get("id").asText();
    intents.put(id, intent);
    intentsInOrder.add(id);
    send("payment_intent.created", intent);
    String paymentMethod = params.get("payment_method");
    if (paymentMethod != null) {
      intent.put("payment_method", paymentMethod);
      intent.put("status", "requires_confirmation");
      if (Boolean.parseBoolean(params.getOrDefault("confirm", "false"))) {
        return confirm(intent, paymentMethod);
      }
    }
    return copy(intent);
  }

  /** Confirms with the given or the attached payment method; a publishable key needs the secret. */
  ObjectNode confirm(String id, Map<String, String> params, boolean byPublishableKey) {
    var intent = existing(id);
    if (byPublishableKey) {
      requireClientSecret(copy(intent), params.get("client_secret"));
    }
    String paymentMethod =
        params.getOrDefault("payment_method", intent.path("payment_method").asText(null));
    if (paymentMethod == null) {
      throw StripeError.invalidRequest(
          "payment_intent_unexpected_state", "You must provide a payment method.");
    }
    return confirm(intent, paymentMethod);
  }

  /**
   * Stripe's test cards: visa succeeds, chargeDeclined declines (402), threeDSecure2Required asks
   * for action.
   */
  private ObjectNode confirm(ObjectNode intent, String paymentMethod) {
    synchronized (intent) {
      String status = intent.get("status").asText();
      if (status.equals("succeeded") || status.equals("canceled")) {
        throw StripeError.invalidRequest(
            "payment_intent_unexpected_state",
            "This PaymentIntent's status is " + status + ".",
            copy(intent));
      }
      intent.put("payment_method", paymentMethod);
      intent.putNull("last_payment_error");
      switch (paymentMethod) {
        case "pm_card_chargeDeclined",
            "pm_card_visa_chargeDeclined",
            "pm_card_chargeDeclinedInsufficientFunds" -> {
          String decline =
              paymentMethod.endsWith("InsufficientFunds")
                  ? "insufficient_funds"
                  : "generic_decline";
          var error = intent.putObject("last_payment_error");
          error.put("type", "card_error");
          error.put("code", "card_declined");
          error.put("decline_code", decline);
          error.put("message", "Your card was declined.");
          intent.put("status", "requires_payment_method");
          recordCharge(intent, "failed");
          send("payment_intent.payment_failed", intent);
          throw new StripeError(
              402, "card_error", "card_declined", "Your card was declined.", copy(intent), decline);
        }
        case "pm_card_threeDSecure2Required", "pm_card_authenticationRequired" -> {
          intent.put("status", "requires_action");
          intent.putObject("next_action").put("type", "use_stripe_sdk");
          send("payment_intent.requires_action", intent);
        }
        default -> {
          if (!TestCards.isTestCard(paymentMethod)) {
            throw StripeError.invalidRequest(
                "resource_missing", "No such PaymentMethod: '" + paymentMethod + "'");
          }
          succeed(intent);
        }
      }
      return copy(intent);
    }
  }

  /**
   * The customer finishes 3-D Secure: an intent waiting for it succeeds, any other is as it was.
   */
  ObjectNode completeAuthentication(String id) {
    var intent = existing(id);
    synchronized (intent) {
      if (intent.get("status").asText().equals("requires_action")) {
        succeed(intent);
      }
      return copy(intent);
    }
  }

  ObjectNode cancel(String id, Map<String, String> params) {
    var intent = existing(id);
    synchronized (intent) {
      String status = intent.get("status").asText();
      if (status.equals("succeeded")) {
        throw StripeError.invalidRequest(
            "payment_intent_unexpected_state",
            "You cannot cancel this PaymentIntent because it has a status of succeeded.",
            copy(intent));
      }
      if (!status.equals("canceled")) {
        intent.put("status", "canceled");
        intent.put("canceled_at", StripeViews.now());
        intent.put(
            "cancellation_reason",
            params.getOrDefault("cancellation_reason", "requested_by_customer"));
        intent.putNull("next_action");
        send("payment_intent.canceled", intent);
      }
      return copy(intent);
    }
  }

  /** Refunds the whole charge of a succeeded intent, once. */
  ObjectNode refund(Map<String, String> params) {
    String intentId = params.get("payment_intent");
    var intent = intentId == null ? null : intents.get(intentId);
    if (intent == null) {
      throw StripeError.invalidRequest(
          "resource_missing", "No such payment_intent: '" + intentId + "'");
    }
    synchronized (intent) {
      if (!intent.get("status").asText().equals("succeeded")) {
        throw StripeError.invalidRequest(
            "charge_not_refundable", "This PaymentIntent has no successful charge to refund.");
      }
      if (refundsByIntent.containsKey(intentId)) {
        throw StripeError.invalidRequest(
            "charge_already_refunded",
            "Charge " + intent.get("latest_charge").asText() + " has already been refunded.");
      }
      var refund = StripeViews.newRefund(intent, FormParams.metadata(params));
      refundsByIntent.put(intentId, refund);
      var charge = charges.get(intent.get("latest_charge").asText());
      synchronized (charge) {
        charge.put("amount_refunded", refund.get("amount").asLong());
        charge.put("refunded", true);
      }
      send("charge.refunded", charge);
      return refund.deepCopy();
    }
  }

  /** The intents whose metadata has {@code key} = {@code value}, newest first. */
  List<ObjectNode> withMetadata(String key, String value) {
    return intentsInOrder.stream()
        .map(id -> copy(intents.get(id)))
        .filter(intent -> value.equals(intent.path("metadata").path(key).asText(null)))
        .sorted(Comparator.comparingLong((ObjectNode i) -> i.get("created").asLong()).reversed())
        .toList();
  }

  /** An intent's id and creation second: what a list filters and pages by. */
  record Stamp(String id, long created) {}

  /** Every intent's stamp, newest first, as Stripe lists them (copies only what a page shows). */
  List<Stamp> newestFirst() {
    var all = new java.util.ArrayList<Stamp>();
    for (String id : intentsInOrder) {
      var intent = intents.get(id);
      synchronized (intent) {
        all.add(new Stamp(id, intent.get("created").asLong()));
      }
    }
    Collections.reverse(all);
    return all;
  }

  /** A charge as it is now (for expansion), or null if there is none with that id. */
  ObjectNode charge(String id) {
    var charge = charges.get(id);
    return charge == null ? null : copy(charge);
  }

  /** Every intent, charge attempt and refund made so far (see {@link LedgerView}). */
  ObjectNode ledger() {
    var intentsNow = intentsInOrder.stream().map(id -> copy(intents.get(id))).toList();
    List<ObjectNode> chargesNow;
    synchronized (charges) {
      chargesNow = List.copyOf(charges.values());
    }
    return LedgerView.of(
        intentsNow,
        chargesNow.stream().map(PaymentIntents::copy).toList(),
        refundsByIntent.values().stream().map(PaymentIntents::copy).toList(),
        id -> copy(intents.get(id)));
  }

  /** A publishable key sees and confirms only the intent whose client secret it presents. */
  static void requireClientSecret(ObjectNode intent, String clientSecret) {
    if (clientSecret == null || !clientSecret.equals(intent.get("client_secret").asText())) {
      throw StripeError.invalidRequest(
          "payment_intent_invalid_parameter",
          "The client_secret provided does not match any associated PaymentIntent on this account.");
    }
  }

  private ObjectNode existing(String id) {
    var intent = intents.get(id);
    if (intent == null) {
      throw StripeError.missing("No such payment_intent");
    }
    return intent;
  }

  private void succeed(ObjectNode intent) {
    intent.put("status", "succeeded");
    intent.putNull("next_action");
    intent.put("amount_received", intent.get("amount").asLong());
    intent.put("latest_charge", recordCharge(intent, "succeeded"));
    send("payment_intent.succeeded", intent);
  }

  /** A charge attempt on the intent's card, kept for the ledger; returns its id. */
  private String recordCharge(ObjectNode intent, String status) {
    var charge = StripeViews.newCharge(intent, status);
    String id = charge.get("id").asText();
    charges.put(id, charge);
    return id;
  }

  private void send(String type, ObjectNode object) {
    if (!webhooks.wants(type)) {
      return; // the endpoint did not subscribe to it: Stripe would not even build the event
    }
    webhooks.send(StripeViews.event(type, copy(object)).toString());
  }

  private static ObjectNode copy(ObjectNode node) {
    synchronized (node) {
      return node.deepCopy();
    }
  }
}
