package orderpay.adapters.telemetry;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Trace contexts handed from where work is claimed to where it is done, keyed by the work's id,
 * when the domain in between need not know about traces: the notification store reads a message's
 * {@code traceparent} with the message, the mailer that sends it takes it back by message id.
 * Bounded: what is never taken (a send that failed before the mailer) is forgotten, not kept.
 */
public final class CarriedTraces {
  private static final int LIMIT = 10_000;
  private static final ConcurrentHashMap<String, String> carried = new ConcurrentHashMap<>();

  private CarriedTraces() {}

  public static void remember(String workId, String traceparent) {
    if (traceparent == null || traceparent.isBlank()) {
      return;
    }
    if (carried.size() >= LIMIT) {
      carried.clear(); // rare (sends that never happened): losing spans beats holding memory
    }
    carried.put(workId, traceparent);
  }

  /** The remembered traceparent of this work, forgotten once taken; null if none. */
  public static String take(String workId) {
    return carried.remove(workId);
  }
}
