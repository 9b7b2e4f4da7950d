package orderpay.domain.shared;

import java.time.Duration;

/** Exponential backoff for a failing row in a sweep: first, doubled per attempt, at most max. */
public record Backoff(Duration first, Duration max) {
  public static final Backoff SWEEPS = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

  /** The wait after the {@code attempts}-th failure (1-based). */
  public Duration after(int attempts) {
    int doublings = Math.max(0, Math.min(attempts - 1, 30));
    long millis = first.toMillis() << Math.min(doublings, 20);
    return millis >= max.toMillis() || millis <= 0 ? max : Duration.ofMillis(millis);
  }
}
