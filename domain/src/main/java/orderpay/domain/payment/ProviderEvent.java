package orderpay.domain.payment;

/**
 * A verified webhook event. {@code status} is empty for event types that do not move a payment
 * (they are acknowledged and ignored). {@code orderId} is the intent's {@code metadata.order_id}
 * (null if absent), so an intent we never learned the id of is still matched to its payment.
 */
public record ProviderEvent(
    String eventId,
    String type,
    String providerPaymentId,
    java.util.Optional<PaymentStatus> status,
    String failureReason,
    String orderId) {}
