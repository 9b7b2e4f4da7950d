package orderpay.adapters.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parks the records a consumer gives up on: each is copied to {@code <topic>.dlq} with its error,
 * attempts and consumer, for {@link DeadLetterReplay}. Used by the loop thread only.
 */
final class DeadLetterParking {
  private static final Logger log = LoggerFactory.getLogger(IdempotentConsumer.class);

  private final String consumerName;
  private final IdempotentConsumer.Clients clients;
  private final MessagingMetrics metrics;
  private final ConsumerProgress progress;
  private Producer<String, byte[]> deadLetters;

  DeadLetterParking(
      String consumerName,
      IdempotentConsumer.Clients clients,
      MessagingMetrics metrics,
      ConsumerProgress progress) {
    this.consumerName = consumerName;
    this.clients = clients;
    this.metrics = metrics;
    this.progress = progress;
  }

  /**
   * Copies the record to the DLQ synchronously and returns true; only then may its offset be
   * committed. Returns false when the copy could not be written: the record is retried later.
   */
  boolean park(ConsumerRecord<String, byte[]> record, Exception error, int attempts) {
    var dead = new ProducerRecord<>(record.topic() + ".dlq", record.key(), record.value());
    record.headers().forEach(h -> dead.headers().add(h));
    EventHeaders.put(dead.headers(), EventHeaders.DLQ_ERROR, String.valueOf(error.getMessage()));
    EventHeaders.put(dead.headers(), EventHeaders.DLQ_ATTEMPTS, Integer.toString(attempts));
    EventHeaders.put(dead.headers(), EventHeaders.DLQ_SOURCE, consumerName);
    try {
      deadLetters().send(dead).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WakeupException();
    } catch (Exception sendFailed) {
      // without a DLQ copy the offset must not move; a producer in a fatal state never recovers,
      // so the next attempt gets a new one
      progress.problem("cannot write to " + dead.topic() + ": " + sendFailed);
      log.warn(
          "{} could not park {}@{}/{} in {}; will retry",
          consumerName,
          record.topic(),
          record.partition(),
          record.offset(),
          dead.topic(),
          sendFailed);
      discard();
      return false;
    }
    metrics.parked(dead.topic());
    log.error(
        "{} parked {}@{}/{} in the DLQ after {} attempt(s)",
        consumerName,
        record.topic(),
        record.partition(),
        record.offset(),
        attempts,
        error);
    return true;
  }

  private Producer<String, byte[]> deadLetters() {
    if (deadLetters == null) {
      deadLetters = clients.deadLetterProducer();
    }
    return deadLetters;
  }

  /** Closes the DLQ producer, if there is one; the next park makes a new one. */
  void discard() {
    var current = deadLetters;
    deadLetters = null;
    if (current != null) {
      try {
        current.close(IdempotentConsumer.CLIENT_CLOSE_TIMEOUT);
      } catch (RuntimeException e) {
        log.debug("closing the DLQ producer of {} failed", consumerName, e);
      }
    }
  }
}
