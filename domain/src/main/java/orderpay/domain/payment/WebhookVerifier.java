package orderpay.domain.payment;

/**
 * Checks a webhook's signature over the raw bytes; throws an invalid-argument DomainException if it
 * fails.
 */
public interface WebhookVerifier {
  ProviderEvent verify(byte[] payload, String signatureHeader);
}
