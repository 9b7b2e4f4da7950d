package orderpay.domain.payment;

import java.util.List;

/**
 * The payment side of a reconciliation: the intents the provider lists for a window, and our
 * payments made in it or for those intents.
 */
public record ProviderLedger(List<PaymentProvider.ListedIntent> intents, List<Payment> payments) {
  public ProviderLedger {
    intents = List.copyOf(intents);
    payments = List.copyOf(payments);
  }
}
