package orderpay.adapters.kafka;

import java.time.Duration;
import java.util.Collection;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a consumer commits its positions: at most once per interval ({@link
 * IdempotentConsumer#COMMIT_INTERVAL}), before partitions move to another member, and on close;
 * only while the positions cover handled records alone. A commit that fails is owed and tried again
 * next round. Used by the loop thread only (rebalance callbacks run inside its poll or close).
 */
final class OffsetCommits {
  private static final Logger log = LoggerFactory.getLogger(IdempotentConsumer.class);
  private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(5);

  private final String consumerName;
  private final Duration interval;
  private final ConsumerProgress progress;
  // positions moved past handled records since the last commit that went through
  private boolean owed;
  // false while a poll's records are being handled: positions may then be past unhandled ones
  private boolean positionsHandled = true;
  private long lastCommitNanos = System.nanoTime();

  OffsetCommits(String consumerName, Duration interval, ConsumerProgress progress) {
    this.consumerName = consumerName;
    this.interval = interval;
    this.progress = progress;
  }

  /** A new client has no positions of its own to commit. */
  void clientReplaced() {
    owed = false;
  }

  /** A poll returned; until its records are handled, positions may be past unhandled ones. */
  void polled(boolean anyRecords) {
    positionsHandled = !anyRecords;
  }

  /** Positions are up to what was applied or parked, never past a record left behind. */
  void handled(boolean anyRecords) {
    positionsHandled = true;
    owed |= anyRecords;
  }

  /** Commits what is owed once the interval has passed; false if that commit did not go through. */
  boolean commitIfDue(Consumer<String, byte[]> consumer) {
    if (!owed || System.nanoTime() - lastCommitNanos < interval.toNanos()) {
      return true;
    }
    try {
      consumer.commitSync(COMMIT_TIMEOUT);
      owed = false;
      lastCommitNanos = System.nanoTime();
      return true;
    } catch (RetriableException | CommitFailedException | RebalanceInProgressException e) {
      // the records are handled; committing later (or redelivering them to the inbox) is safe.
      // Not a stall: the broker being away is not this service failing at its work
      owed = true;
      progress.problem("commit failed: " + e);
      log.warn("consumer {} could not commit ({}); will try again", consumerName, e.toString());
      return false;
    }
  }

  /**
   * A consumer closing with every fetched record handled commits what it owes, so the partitions'
   * next owner starts right after them. Best effort: what is not committed is redelivered and
   * skipped by the inbox.
   */
  void beforeLeaving(Consumer<String, byte[]> consumer) {
    if (consumer == null || !owed || !positionsHandled) {
      return;
    }
    for (int attempt = 1; attempt <= 2; attempt++) {
      try {
        consumer.commitSync(COMMIT_TIMEOUT);
        owed = false;
        return;
      } catch (WakeupException wokenByClose) {
        // close() woke the client; the wake-up is spent, the second attempt is a real one
      } catch (RuntimeException e) {
        log.debug("consumer {} could not commit while closing", consumerName, e);
        return;
      }
    }
  }

  ConsumerRebalanceListener beforeHandingOver(Consumer<String, byte[]> client) {
    return new CommitBeforeHandingOver(client);
  }

  /**
   * Partitions about to move to another member get their handled positions committed first, so the
   * new owner does not start over from the last timed commit. Runs on the loop thread, inside
   * {@code poll} (between rounds) or {@code close}.
   */
  private final class CommitBeforeHandingOver implements ConsumerRebalanceListener {
    private final Consumer<String, byte[]> client;

    CommitBeforeHandingOver(Consumer<String, byte[]> client) {
      this.client = client;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // also called when a failed client is closed mid-round: its positions are not to be trusted
      if (!owed || !positionsHandled || partitions.isEmpty()) {
        return;
      }
      try {
        client.commitSync(COMMIT_TIMEOUT);
        owed = false;
        lastCommitNanos = System.nanoTime();
      } catch (RuntimeException e) {
        log.debug("consumer {} could not commit before a rebalance", consumerName, e);
      }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
  }
}
