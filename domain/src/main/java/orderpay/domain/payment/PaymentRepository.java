package orderpay.domain.payment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import orderpay.domain.shared.OrderId;

public interface PaymentRepository {
  /** One payment per order: false if the order already has one. */
  boolean addIfAbsent(Payment payment);

  Optional<Payment> findByOrder(OrderId orderId);

  Optional<Payment> findByOrderForUpdate(OrderId orderId);

  Optional<Payment> findById(String paymentId);

  Optional<Payment> findByProviderIdForUpdate(String providerPaymentId);

  void update(Payment payment);

  /**
   * Open payments with a provider intent, untouched since {@code before}: reconciliation's work.
   */
  List<Payment> findStale(Instant before, int limit);
}
