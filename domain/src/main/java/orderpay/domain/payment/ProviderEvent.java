package orderpay.domain.payment;

/**
 * A verified webhook event. {@code status} is empty for event types that do not move a payment
 * (they are acknowledged and ignored).
 */
public record ProviderEvent(
    String eventId,
    String type,
    String providerPaymentId,
    java.util.Optional<PaymentStatus> status,
    String failureReason) {}
