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
   * For reconciliation: the payments created at or after {@code from}, and those whose intent is
   * one of {@code providerPaymentIds} whenever they were made.
   */
  List<Payment> findCreatedSinceOrFor(
      Instant from, java.util.Collection<String> providerPaymentIds);

  /**
   * Reconciliation's work, oldest check first: payments not yet final at the provider (PENDING,
   * REQUIRES_ACTION or FAILED, untouched since {@code openBefore}; CANCELLED ones the provider has
   * not confirmed), skipping those whose next check is not due at {@code now}.
   */
  List<Payment> findDueForCheck(Instant openBefore, Instant now, int limit);

  /** Counts a check and skips the payment until the instant computed from the check count. */
  void deferCheck(String paymentId, java.util.function.IntFunction<Instant> nextCheck);

  /** Records how much of the payment's charge has been refunded so far (partial refunds). */
  void recordRefunded(String paymentId, long amountRefundedMinor);

  /** The provider confirmed the payment can no longer move money (or no intent exists). */
  void markFinalAtProvider(String paymentId);
}
