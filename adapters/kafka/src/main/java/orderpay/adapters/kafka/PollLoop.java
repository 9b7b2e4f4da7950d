package orderpay.adapters.kafka;

import java.time.Duration;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread of an {@link IdempotentConsumer}: poll, apply, commit, round after round, backing off
 * after each round that left something to come back to. Any error from the Kafka client drops the
 * client with its positions (never committed) for a new one, which resumes from the last committed
 * offsets. Only {@link Closing} ends it.
 */
final class PollLoop implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(IdempotentConsumer.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

  /** How one poll and its records ended. */
  private enum Round {
    /** Everything fetched was applied or parked (and committed, or due to be within a second). */
    CAUGHT_UP,
    /** A record must be come back to: its partition is rewound to it. */
    LEFT_BEHIND,
    /** Everything fetched was handled, but the commit did not go through; it is owed. */
    COMMIT_OWED
  }

  private final ConsumerContext shared;
  private final RecordApplier applier;
  private final OffsetCommits commits;
  private final ConsumerLag lag;
  // owned by the loop thread; close() only wakes the consumer up
  private volatile Consumer<String, byte[]> consumer;

  PollLoop(ConsumerContext shared, RecordApplier applier, OffsetCommits commits, ConsumerLag lag) {
    this.shared = shared;
    this.applier = applier;
    this.commits = commits;
    this.lag = lag;
  }

  @Override
  public void run() {
    int failures = 0;
    try {
      while (!shared.closing().requested()) {
        try {
          switch (pollOnce()) {
            case CAUGHT_UP -> failures = 0;
            case LEFT_BEHIND, COMMIT_OWED -> pause(++failures);
          }
        } catch (RuntimeException failure) {
          if (shared.closing().requested()) {
            break; // close() woke us up
          }
          // positions may be past records not yet handled: drop them with the client, never
          // commit them; a new client starts from the last committed offsets
          failures++;
          shared.progress().problem(failure.toString());
          log.warn(
              "consumer {} failed ({}); reconnecting in {}",
              shared.name(),
              failure,
              shared.retryPolicy().backoffAfter(failures),
              failure);
          discardConsumer();
          pause(failures);
        }
      }
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
    } catch (Error fatal) {
      shared.progress().problem(fatal.toString());
      log.error("consumer {} died", shared.name(), fatal);
      throw fatal;
    } finally {
      commits.beforeLeaving(consumer);
      discardConsumer();
      shared.parking().discard();
    }
  }

  /** One poll, its records, and the commit of what they moved past. */
  private Round pollOnce() {
    if (consumer == null) {
      var fresh = shared.clients().consumer();
      consumer = fresh;
      commits.clientReplaced();
      fresh.subscribe(shared.topics(), commits.beforeHandingOver(fresh));
    }
    var records = consumer.poll(POLL_TIMEOUT);
    commits.polled(!records.isEmpty());
    lag.update(consumer);
    boolean leftBehind = applier.apply(consumer, records);
    if (!leftBehind) {
      shared.progress().mark();
    }
    commits.handled(!records.isEmpty());
    boolean committed = commits.commitIfDue(consumer);
    if (leftBehind) {
      return Round.LEFT_BEHIND;
    }
    return committed ? Round.CAUGHT_UP : Round.COMMIT_OWED;
  }

  /** Waits the backoff for the n-th failure in a row; close() cuts it short. */
  private void pause(int failures) throws InterruptedException {
    shared.closing().pause(shared.retryPolicy().backoffAfter(failures));
  }

  private void discardConsumer() {
    var current = consumer;
    consumer = null;
    if (current != null) {
      try {
        current.close(CloseOptions.timeout(IdempotentConsumer.CLIENT_CLOSE_TIMEOUT));
      } catch (RuntimeException e) {
        log.debug("closing consumer {} failed", shared.name(), e);
      }
    }
  }

  /** Wakes the loop from a poll; close() does so after asking it to stop. */
  void wakeUp() {
    var current = consumer;
    if (current != null) {
      current.wakeup();
    }
  }
}
