package orderpay.domain.payment;

import java.util.List;

/** An order's payment and the provider events received about it, oldest first. */
public record PaymentActivity(Payment payment, List<ProcessedEvents.Received> providerEvents) {
  public PaymentActivity {
    providerEvents = List.copyOf(providerEvents);
  }
}
