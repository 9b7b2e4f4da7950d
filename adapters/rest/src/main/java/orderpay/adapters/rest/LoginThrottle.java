package orderpay.adapters.rest;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: at most {@code limit} login attempts per account and window. Kept in the
 * gateway's memory, so each replica counts for itself (ADR 7).
 */
public final class LoginThrottle {
  private static final int MAX_TRACKED = 100_000;
  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final Map<String, ArrayDeque<Long>> attempts = new ConcurrentHashMap<>();

  public LoginThrottle(int limit, Duration window, Clock clock) {
    this.limit = limit;
    this.window = window;
    this.clock = clock;
  }

  /**
   * Counts an attempt; throws 429 (with the seconds to wait) when the account is over its limit.
   */
  public void attempt(String email) {
    long now = clock.millis();
    long windowStart = now - window.toMillis();
    if (attempts.size() > MAX_TRACKED) {
      attempts
          .entrySet()
          .removeIf(e -> e.getValue().isEmpty() || e.getValue().peekLast() < windowStart);
    }
    var times =
        attempts.computeIfAbsent(email.strip().toLowerCase(Locale.ROOT), k -> new ArrayDeque<>());
    synchronized (times) {
      while (!times.isEmpty() && times.peekFirst() < windowStart) {
        times.pollFirst();
      }
      if (times.size() >= limit) {
        long retryAfter = Math.max(1, (times.peekFirst() + window.toMillis() - now + 999) / 1000);
        throw new ApiError(
            429,
            "rate_limited",
            "too many login attempts for this account, try again later",
            Map.of("retry_after_seconds", retryAfter));
      }
      times.addLast(now);
    }
  }
}
