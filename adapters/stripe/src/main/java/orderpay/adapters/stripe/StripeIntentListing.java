package orderpay.adapters.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.param.PaymentIntentListParams;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import orderpay.domain.money.Money;
import orderpay.domain.payment.PaymentProvider.ListedIntent;

/**
 * Lists the intents created since an instant through stripe-java's auto-paging list, a hundred per
 * page, each with its latest charge expanded so a refund shows without one more call per intent.
 */
final class StripeIntentListing {
  private static final long PAGE_SIZE = 100;

  private StripeIntentListing() {}

  static List<ListedIntent> createdSince(StripeClient stripe, Instant from) throws StripeException {
    var params =
        PaymentIntentListParams.builder()
            // Stripe counts whole seconds: rounding down keeps an intent of the first second
            .setCreated(
                PaymentIntentListParams.Created.builder().setGte(from.getEpochSecond()).build())
            .setLimit(PAGE_SIZE)
            .addExpand("data.latest_charge")
            .build();
    var listed = new ArrayList<ListedIntent>();
    try {
      for (PaymentIntent intent : stripe.paymentIntents().list(params).autoPagingIterable()) {
        listed.add(listed(intent));
      }
    } catch (RuntimeException pageFailed) {
      // the pager wraps a failed call for a later page
      if (pageFailed.getCause() instanceof StripeException cause) {
        throw cause;
      }
      throw pageFailed;
    }
    return listed;
  }

  private static ListedIntent listed(PaymentIntent intent) {
    var charge = intent.getLatestChargeObject();
    long refunded =
        charge == null || charge.getAmountRefunded() == null ? 0 : charge.getAmountRefunded();
    var metadata = intent.getMetadata();
    return new ListedIntent(
        intent.getId(),
        metadata == null ? null : metadata.get("order_id"),
        intent.getStatus(),
        Money.of(intent.getAmount(), intent.getCurrency().toUpperCase(Locale.ROOT)),
        refunded,
        Instant.ofEpochSecond(intent.getCreated()));
  }
}
