package orderpay.domain.payment;

import java.time.Instant;
import java.util.List;

/**
 * Webhook event ids seen before, each with the intent it was about; recorded in the transaction
 * that applies the event.
 */
public interface ProcessedEvents {
  /** A provider event as it was received. */
  record Received(String eventId, String type, Instant receivedAt) {}

  boolean firstTime(String eventId, String type, String providerPaymentId);

  /** The events received about this intent, oldest first. */
  List<Received> about(String providerPaymentId);
}
