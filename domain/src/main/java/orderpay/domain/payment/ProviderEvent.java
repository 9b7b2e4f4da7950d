package orderpay.domain.payment;

/**
 * A verified webhook event. {@code status} is empty for event types that do not move a payment
 * (they are acknowledged and ignored). {@code orderId} is the intent's {@code metadata.order_id}
 * (null if absent), so an intent we never learned the id of is still matched to its payment. {@code
 * amount} is what the intent or charge is for (null if the event does not say), checked against the
 * payment; {@code amountRefunded} is the refunded part of a charge (0 otherwise).
 */
public record ProviderEvent(
    String eventId,
    String type,
    String providerPaymentId,
    java.util.Optional<PaymentStatus> status,
    String failureReason,
    String orderId,
    orderpay.domain.money.Money amount,
    long amountRefunded) {

  public ProviderEvent(
      String eventId,
      String type,
      String providerPaymentId,
      java.util.Optional<PaymentStatus> status,
      String failureReason,
      String orderId) {
    this(eventId, type, providerPaymentId, status, failureReason, orderId, null, 0);
  }

  /** A refund of part of the charge: recorded, while the payment stays SUCCEEDED. */
  public boolean isPartialRefund() {
    return status.orElse(null) == PaymentStatus.REFUNDED
        && amount != null
        && amountRefunded < amount.amountMinor();
  }
}
