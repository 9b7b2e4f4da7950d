package orderpay.adapters.rest;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;

/**
 * Slows password guessing: at most {@code limit} login attempts per account and window. Kept in the
 * gateway's memory, so each replica counts for itself (ADR 7). At most {@code maxAccounts} accounts
 * are tracked; when full, the least recently tried account that is not currently blocked is
 * forgotten first, so an attacker cannot reset a blocked account's count by spraying other
 * addresses.
 */
public final class LoginThrottle {
  /** Accounts tracked by default: a few MiB of heap at most. */
  public static final int DEFAULT_MAX_ACCOUNTS = 100_000;

  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final BoundedLru<String, ArrayDeque<Long>> attempts;

  public LoginThrottle(int limit, Duration window, Clock clock) {
    this(limit, window, clock, DEFAULT_MAX_ACCOUNTS);
  }

  public LoginThrottle(int limit, Duration window, Clock clock, int maxAccounts) {
    this.limit = limit;
    this.window = window;
    this.clock = clock;
    this.attempts = new BoundedLru<>(maxAccounts, times -> !blocked(times));
  }

  /**
   * Counts an attempt; throws 429 (with the seconds to wait) when the account is over its limit.
   */
  public synchronized void attempt(String email) {
    long now = clock.millis();
    var times =
        attempts.getOrCreate(email.strip().toLowerCase(Locale.ROOT), () -> new ArrayDeque<>());
    dropExpired(times, now);
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

  /** Accounts currently tracked; for tests. */
  synchronized int trackedAccounts() {
    return attempts.size();
  }

  private boolean blocked(ArrayDeque<Long> times) {
    dropExpired(times, clock.millis());
    return times.size() >= limit;
  }

  private void dropExpired(ArrayDeque<Long> times, long now) {
    long windowStart = now - window.toMillis();
    while (!times.isEmpty() && times.peekFirst() <= windowStart) {
      times.pollFirst();
    }
  }
}
