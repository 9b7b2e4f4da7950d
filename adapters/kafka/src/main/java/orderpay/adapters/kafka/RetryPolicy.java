package orderpay.adapters.kafka;

import java.time.Duration;

/** Bounded retries with exponential backoff before a message is parked in the DLQ. */
public record RetryPolicy(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(5));

  public Duration backoffAfter(int attempt) {
    long millis = firstBackoff.toMillis() << Math.min(attempt - 1, 20);
    return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
  }
}
