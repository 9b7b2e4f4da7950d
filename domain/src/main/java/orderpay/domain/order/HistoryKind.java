package orderpay.domain.order;

import java.util.Locale;

/**
 * What an entry of an order's history tells: a step of the saga, a transition, an owed call, a
 * sweep, or a message the order service read or wrote. Stored and shown by {@link #wireName()}.
 */
public enum HistoryKind {
  CREATED,
  STOCK_RESERVED,
  PAYMENT_STARTED,
  PAYMENT_UPDATED,
  PAID,
  FAILED,
  CANCELLED,
  REFUNDED,
  FOLLOW_UP_REQUESTED,
  FOLLOW_UP_DONE,
  FOLLOW_UP_FAILED,
  RECOVERY_ATTEMPTED,
  SWEEP_DEFERRED,
  EVENT_CONSUMED,
  EVENT_PUBLISHED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static HistoryKind ofWireName(String wireName) {
    return valueOf(wireName.toUpperCase(Locale.ROOT));
  }
}
