package orderpay.domain.reconciliation;

import java.util.Objects;
import orderpay.domain.money.Money;

/**
 * A PaymentIntent as the provider lists it. {@code status} is the provider's own word ({@code
 * succeeded}, {@code requires_payment_method}, ...); {@code orderId} is the intent's {@code
 * metadata.order_id} as written, or null where it has none (an intent made outside OrderPay).
 */
public record ProviderIntent(
    String id, String orderId, String status, Money amount, long amountRefunded) {
  public ProviderIntent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(amount, "amount");
    if (amountRefunded < 0) {
      throw new IllegalArgumentException("amountRefunded must not be negative");
    }
  }

  public boolean succeeded() {
    return status.equals("succeeded");
  }

  /** Some or all of its charge went back to the customer. */
  public boolean refunded() {
    return amountRefunded > 0;
  }

  /** What the provider holds of the customer's money through this intent, in minor units. */
  public long kept() {
    return succeeded() ? Math.max(0, amount.amountMinor() - amountRefunded) : 0;
  }
}
