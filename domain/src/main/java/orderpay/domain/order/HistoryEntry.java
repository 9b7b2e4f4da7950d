package orderpay.domain.order;

import java.util.Objects;

/**
 * One thing that happened to an order, in words an operator reads: what kind and its particulars (a
 * failure's reason, an event's type and id). When and in which trace it happened the history adds
 * as it records it.
 */
public record HistoryEntry(HistoryKind kind, String detail) {
  /** Long error texts are cut: the history explains, the logs keep the rest. */
  static final int MAX_DETAIL = 500;

  public HistoryEntry {
    Objects.requireNonNull(kind, "kind");
    detail = detail == null ? "" : detail.strip();
    if (detail.length() > MAX_DETAIL) {
      detail = detail.substring(0, MAX_DETAIL);
    }
  }

  /** A Kafka event the order service applied, in the transaction that applied it. */
  public static HistoryEntry consumed(String eventType, String topic, String eventId) {
    return new HistoryEntry(
        HistoryKind.EVENT_CONSUMED, eventType + " from " + topic + " " + eventId);
  }

  /** An event the order service wrote to its outbox, in the transaction that wrote it. */
  public static HistoryEntry published(String topic, String eventType, String eventId) {
    return new HistoryEntry(
        HistoryKind.EVENT_PUBLISHED, eventType + " to " + topic + " " + eventId);
  }

  public static HistoryEntry followUpRequested(FollowUpAction action) {
    return new HistoryEntry(HistoryKind.FOLLOW_UP_REQUESTED, action.name());
  }

  public static HistoryEntry followUpDone(FollowUpAction action) {
    return new HistoryEntry(HistoryKind.FOLLOW_UP_DONE, action.name());
  }

  public static HistoryEntry followUpFailed(
      FollowUpAction action, String error, java.time.Instant nextAttempt) {
    return new HistoryEntry(
        HistoryKind.FOLLOW_UP_FAILED,
        action.name() + " failed, next attempt at " + nextAttempt + ": " + error);
  }

  /** A sweep could not finish the order now; it comes back to it at {@code nextAttempt}. */
  public static HistoryEntry sweepDeferred(String why, java.time.Instant nextAttempt) {
    return new HistoryEntry(
        HistoryKind.SWEEP_DEFERRED, "next attempt at " + nextAttempt + ": " + why);
  }
}
