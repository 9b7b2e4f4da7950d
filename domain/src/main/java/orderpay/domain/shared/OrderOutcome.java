package orderpay.domain.shared;

/** How an order ended (or was reversed); other contexts react to it: stock, messages. */
public enum OrderOutcome {
  PAID,
  FAILED,
  CANCELLED,
  REFUNDED
}
