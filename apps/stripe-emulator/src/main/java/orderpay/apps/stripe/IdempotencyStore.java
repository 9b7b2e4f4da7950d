package orderpay.apps.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Stripe replays the first answer for a reused Idempotency-Key, and refuses other parameters. A
 * refusal is an answer too: it is stored and replayed like a success.
 */
final class IdempotencyStore {
  /** A stored answer for an Idempotency-Key: same key, same request -> same answer. */
  private record Replay(String requestFingerprint, int status, String body) {}

  /** What to send back; a replayed answer is marked with Stripe's Idempotent-Replayed header. */
  record Response(int status, String body, boolean replayed) {}

  private final Map<String, Replay> replays = new ConcurrentHashMap<>();
  // one lock per path and key: a retry waits for the first request's answer instead of running
  private final Map<String, Object> keyLocks = new ConcurrentHashMap<>();
  private final AtomicInteger replayed = new AtomicInteger();

  /**
   * Runs {@code operation} (a 200 answer, or a thrown {@link StripeError}) once per {@code path}
   * and {@code key}; without a key, every time.
   */
  Response answer(
      String path, String key, Map<String, String> params, Supplier<ObjectNode> operation) {
    if (key == null) {
      return new Response(200, operation.get().toString(), false);
    }
    String scope = path + "|" + key;
    String fingerprint = new TreeMap<>(params).toString();
    synchronized (keyLocks.computeIfAbsent(scope, k -> new Object())) {
      var replay = replays.get(scope);
      if (replay != null) {
        if (!replay.requestFingerprint().equals(fingerprint)) {
          throw new StripeError(
              400,
              "idempotency_error",
              null,
              "Keys for idempotent requests can only be used with the same parameters they were first used with.",
              null);
        }
        replayed.incrementAndGet();
        return new Response(replay.status(), replay.body(), true);
      }
      ObjectNode answer;
      try {
        answer = operation.get();
      } catch (StripeError error) {
        replays.put(scope, new Replay(fingerprint, error.status, error.body()));
        throw error;
      }
      String body = answer.toString();
      replays.put(scope, new Replay(fingerprint, 200, body));
      return new Response(200, body, false);
    }
  }

  /** How many requests were answered from a stored answer (client retries). */
  int replayedRequests() {
    return replayed.get();
  }
}
