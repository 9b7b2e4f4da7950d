package orderpay.adapters.kafka;

import java.time.Duration;

/**
 * The consumer loop's heartbeat: when it last got through everything it fetched, and what last kept
 * it from progressing. Written by the loop thread, read by health checks.
 */
final class ConsumerProgress {
  private volatile long lastProgressNanos = System.nanoTime();
  private volatile String lastProblem = "none";

  void mark() {
    lastProgressNanos = System.nanoTime();
  }

  void problem(String problem) {
    lastProblem = problem;
  }

  String lastProblem() {
    return lastProblem;
  }

  /** How long since the last progress. */
  Duration idle() {
    return Duration.ofNanos(System.nanoTime() - lastProgressNanos);
  }
}
