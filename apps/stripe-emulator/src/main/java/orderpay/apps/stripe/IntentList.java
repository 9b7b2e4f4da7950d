package orderpay.apps.stripe;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongPredicate;

/**
 * Stripe's {@code GET /v1/payment_intents}: newest first; {@code created} exact or with {@code
 * [gt]}, {@code [gte]}, {@code [lt]}, {@code [lte]}; {@code limit} 1 to 100 (default 10); cursors
 * {@code starting_after} and {@code ending_before}; {@code expand[]=data.latest_charge}. Answers
 * Stripe's list object, which stripe-java pages through on its own.
 */
final class IntentList {
  static final String URL = "/v1/payment_intents";
  private static final String LATEST_CHARGE = "data.latest_charge";

  private IntentList() {}

  /**
   * One page of {@code newestFirst} (every intent, newest first) as the query asks; {@code intent}
   * and {@code charge} give an intent or a charge as it is now.
   */
  static ObjectNode page(
      Context ctx,
      List<PaymentIntents.Stamp> newestFirst,
      Function<String, ObjectNode> intent,
      Function<String, ObjectNode> charge) {
    var created = createdFilter(ctx);
    int limit = (int) QueryNumbers.integer(ctx, "limit", 10);
    if (limit < 1 || limit > 100) {
      throw StripeError.invalidRequest(
          "parameter_invalid_integer", "limit must be between 1 and 100, not " + limit);
    }
    boolean expandCharge = expansions(ctx);
    String after = ctx.queryParam("starting_after");
    String before = ctx.queryParam("ending_before");
    int from = after == null ? -1 : position(newestFirst, after);
    int to = before == null ? newestFirst.size() : position(newestFirst, before);
    var candidates = new ArrayList<PaymentIntents.Stamp>();
    for (int i = from + 1; i < to; i++) {
      if (created.test(newestFirst.get(i).created())) {
        candidates.add(newestFirst.get(i));
      }
    }
    // ending_before pages backwards: the page is the one just before the cursor
    var page =
        before != null && after == null
            ? candidates.subList(Math.max(0, candidates.size() - limit), candidates.size())
            : candidates.subList(0, Math.min(limit, candidates.size()));
    var list = JsonNodeFactory.instance.objectNode();
    list.put("object", "list");
    var data = list.putArray("data");
    for (var stamp : page) {
      var shown = intent.apply(stamp.id());
      String chargeId = shown.path("latest_charge").asText(null);
      if (expandCharge && chargeId != null) {
        shown.set("latest_charge", charge.apply(chargeId));
      }
      data.add(shown);
    }
    list.put("has_more", candidates.size() > limit);
    list.put("url", URL);
    return list;
  }

  private static int position(List<PaymentIntents.Stamp> intents, String id) {
    for (int i = 0; i < intents.size(); i++) {
      if (intents.get(i).id().equals(id)) {
        return i;
      }
    }
    throw StripeError.invalidRequest("resource_missing", "No such payment_intent: '" + id + "'");
  }

  private static LongPredicate createdFilter(Context ctx) {
    LongPredicate filter = created -> true;
    if (ctx.queryParam("created") != null) {
      long exact = QueryNumbers.integer(ctx, "created", 0);
      filter = created -> created == exact;
    }
    for (String bound : List.of("gt", "gte", "lt", "lte")) {
      String name = "created[" + bound + "]";
      if (ctx.queryParam(name) == null) {
        continue;
      }
      long value = QueryNumbers.integer(ctx, name, 0);
      LongPredicate test =
          switch (bound) {
            case "gt" -> created -> created > value;
            case "gte" -> created -> created >= value;
            case "lt" -> created -> created < value;
            default -> created -> created <= value;
          };
      filter = filter.and(test);
    }
    return filter;
  }

  /** Whether the latest charge is to be expanded; any other expansion is refused, as by Stripe. */
  private static boolean expansions(Context ctx) {
    boolean charge = false;
    for (var entry : ctx.queryParamMap().entrySet()) {
      if (!entry.getKey().matches("expand(\\[\\d*])?")) {
        continue;
      }
      for (String path : entry.getValue()) {
        if (!path.equals(LATEST_CHARGE)) {
          throw StripeError.invalidRequest(
              null, "This property cannot be expanded (" + path + ").");
        }
        charge = true;
      }
    }
    return charge;
  }
}
