package orderpay.domain.payment;

/** Webhook event ids seen before; recorded in the transaction that applies the event. */
public interface ProcessedEvents {
  boolean firstTime(String eventId, String type);
}
