package orderpay.domain.reconciliation;

import java.util.Objects;
import orderpay.domain.payment.PaymentStatus;

/** Our payment row: its order, its intent at the provider (null until one is known), its status. */
public record RecordedPayment(
    String id, String orderId, String providerPaymentId, PaymentStatus status) {
  public RecordedPayment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(status, "status");
  }
}
