package orderpay.domain.payment;

import java.util.Map;
import orderpay.domain.money.Money;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;
import orderpay.domain.shared.IdGenerator;
import orderpay.domain.shared.OrderId;
import orderpay.domain.shared.Transactions;
import orderpay.domain.user.UserId;

/**
 * Starts an order's payment: the payment row is recorded before the provider is called, and the
 * provider is called outside any transaction with an idempotency key derived from the order.
 */
public record InitiatePayment(
    PaymentRepository payments,
    PaymentProvider provider,
    Transactions transactions,
    IdGenerator ids,
    PaymentChanges changes) {

  /** Starts the order's payment, once per order: a retry answers with the payment made before. */
  public Payment initiate(
      OrderId orderId, UserId userId, Money amount, String paymentMethod, int attempt) {
    if (amount == null || !amount.isPositive()) {
      throw DomainException.invalidField("amount", "amount must be positive");
    }
    Payment payment =
        transactions.inTransaction(
            () -> {
              var fresh =
                  new Payment(
                      ids.newId().toString(),
                      orderId,
                      userId,
                      amount,
                      PaymentStatus.PENDING,
                      provider.name(),
                      null,
                      null,
                      null,
                      changes.now(),
                      changes.now());
              return payments.addIfAbsent(fresh)
                  ? fresh
                  : payments.findByOrder(orderId).orElseThrow();
            });
    if (!payment.amount().equals(amount)) {
      throw new DomainException(
          ErrorKind.CONFLICT,
          "conflict",
          "order " + orderId + " already has a payment of " + payment.amount(),
          Map.of("order_id", orderId.toString()));
    }
    if (payment.providerPaymentId() != null) {
      return payment; // a retry: the intent exists already
    }
    if (payment.status() != PaymentStatus.PENDING) {
      // cancelled (the order expired or was cancelled) before its intent was made: never charge it
      throw DomainException.invalidState(
          "payment for order " + orderId + " is " + payment.status() + ", it cannot be started");
    }
    var intent =
        provider.createIntent(
            "orderpay-" + orderId + "-attempt-" + Math.max(attempt, 1),
            amount,
            paymentMethod,
            orderId.toString());
    return changes.apply(orderId, intent);
  }
}
