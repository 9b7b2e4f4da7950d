package orderpay.domain.order;

/** What an order shows of its payment. */
public record OrderPayment(
    String id, String status, String provider, String providerPaymentId, String clientSecret) {}
