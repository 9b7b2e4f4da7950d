package orderpay.adapters.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import orderpay.adapters.postgres.JdbiTransactions;
import orderpay.adapters.postgres.messaging.Inbox;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A consumer loop whose effects happen once per event id: each record is applied in one database
 * transaction together with its inbox row. Offsets are committed only after the records before them
 * are applied or parked, so nothing acknowledged is lost. A record that keeps failing is retried
 * with backoff, then copied to {@code <topic>.dlq} with the error, and the loop moves on.
 */
public final class IdempotentConsumer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IdempotentConsumer.class);

  private final String consumerName;
  private final String topicPrefix;
  private final List<String> topics;
  private final EventHandler handler;
  private final JdbiTransactions transactions;
  private final RetryPolicy retryPolicy;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Producer<String, byte[]> deadLetters;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  public IdempotentConsumer(
      KafkaSettings settings,
      String consumerName,
      List<String> topics,
      EventHandler handler,
      JdbiTransactions transactions,
      RetryPolicy retryPolicy) {
    this.consumerName = consumerName;
    this.topicPrefix = settings.topicPrefix();
    this.topics = topics.stream().map(settings::topic).toList();
    this.handler = handler;
    this.transactions = transactions;
    this.retryPolicy = retryPolicy;
    this.consumer = new KafkaConsumer<>(consumerProperties(settings, consumerName));
    this.deadLetters =
        new KafkaProducer<>(KafkaOutboxRelay.producerProperties(settings, consumerName + "-dlq"));
    this.thread =
        Thread.ofPlatform().name("consumer-" + consumerName).daemon().unstarted(this::run);
  }

  private static Properties consumerProperties(KafkaSettings settings, String group) {
    var props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.topicPrefix() + group);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
    props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5000);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return props;
  }

  public IdempotentConsumer start() {
    thread.start();
    return this;
  }

  private void run() {
    try {
      consumer.subscribe(topics);
      int outages = 0;
      while (running.get()) {
        var records = consumer.poll(Duration.ofMillis(500));
        boolean stalled = false;
        for (var partition : records.partitions()) {
          for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
            if (!process(record)) {
              // the infrastructure is away: come back to this record, keep the partition's order
              consumer.seek(partition, record.offset());
              stalled = true;
              break;
            }
          }
        }
        if (!records.isEmpty()) {
          consumer
              .commitSync(); // positions: up to what was applied or parked, never past a stalled
          // record
        }
        outages = stalled ? outages + 1 : 0;
        if (stalled) {
          Thread.sleep(retryPolicy.backoffAfter(Math.min(outages, 6)));
        }
      }
    } catch (WakeupException stopping) {
      // close() woke us up
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException fatal) {
      log.error("consumer {} stopped", consumerName, fatal);
    } finally {
      consumer.close();
    }
  }

  /**
   * Applies or parks the record and returns true; false if it must be retried later (an outage).
   */
  private boolean process(ConsumerRecord<String, byte[]> record) {
    ReceivedEvent event;
    try {
      event = toEvent(record);
    } catch (PoisonMessage poison) {
      park(record, poison, 1);
      return true;
    }
    MDC.put("trace_id", EventHeaders.get(record.headers(), EventHeaders.TRACE_ID).orElse(""));
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          transactions.run(() -> applyOnce(event));
          return true;
        } catch (PoisonMessage poison) {
          park(record, poison, attempt);
          return true;
        } catch (RuntimeException failure) {
          if (TransientFailure.isTransient(failure)) {
            log.warn(
                "{} cannot apply {} now ({}); will retry",
                consumerName,
                event.eventId(),
                failure.toString());
            return false;
          }
          if (attempt >= retryPolicy.maxAttempts() || !running.get()) {
            park(record, failure, attempt);
            return true;
          }
          log.warn(
              "{} failed on {} (attempt {}), retrying", consumerName, event.eventId(), attempt);
          Thread.sleep(retryPolicy.backoffAfter(attempt));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WakeupException();
    } finally {
      MDC.remove("trace_id");
    }
  }

  private void applyOnce(ReceivedEvent event) {
    var handle = transactions.requireTransaction();
    if (!Inbox.firstDelivery(handle, consumerName, event.eventId(), event.topic())) {
      log.debug("{} ignores redelivered {}", consumerName, event.eventId());
      return;
    }
    try {
      handler.handle(event);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private ReceivedEvent toEvent(ConsumerRecord<String, byte[]> record) {
    String id =
        EventHeaders.get(record.headers(), EventHeaders.EVENT_ID)
            .orElseThrow(() -> new PoisonMessage("no event_id header", null));
    try {
      return new ReceivedEvent(
          UUID.fromString(id),
          EventHeaders.get(record.headers(), EventHeaders.EVENT_TYPE).orElse(""),
          record.topic(),
          record.topic().startsWith(topicPrefix)
              ? record.topic().substring(topicPrefix.length())
              : record.topic(),
          record.key(),
          record.value() == null ? new byte[0] : record.value());
    } catch (IllegalArgumentException malformed) {
      throw new PoisonMessage("malformed event_id header " + id, malformed);
    }
  }

  /** Copies the record to the DLQ synchronously; only then may its offset be committed. */
  private void park(ConsumerRecord<String, byte[]> record, Exception error, int attempts) {
    log.error(
        "{} parks {}@{}/{} in the DLQ after {} attempt(s)",
        consumerName,
        record.topic(),
        record.partition(),
        record.offset(),
        attempts,
        error);
    var dead = new ProducerRecord<>(record.topic() + ".dlq", record.key(), record.value());
    record.headers().forEach(h -> dead.headers().add(h));
    EventHeaders.put(dead.headers(), EventHeaders.DLQ_ERROR, String.valueOf(error.getMessage()));
    EventHeaders.put(dead.headers(), EventHeaders.DLQ_ATTEMPTS, Integer.toString(attempts));
    EventHeaders.put(dead.headers(), EventHeaders.DLQ_SOURCE, consumerName);
    try {
      deadLetters.send(dead).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WakeupException();
    } catch (Exception e) {
      // without a DLQ copy the offset must not move: stop and let a restart redeliver
      throw new IllegalStateException("could not park a message in the DLQ", e);
    }
  }

  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deadLetters.close();
  }
}
