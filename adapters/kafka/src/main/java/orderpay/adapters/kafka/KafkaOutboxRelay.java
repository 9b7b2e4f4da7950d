package orderpay.adapters.kafka;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import orderpay.adapters.postgres.Database;
import orderpay.adapters.postgres.messaging.OutboxMessage;
import orderpay.adapters.postgres.messaging.OutboxStore;
import orderpay.adapters.telemetry.Traces;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves committed outbox rows to Kafka. Woken by LISTEN/NOTIFY (with a short poll as a safety net);
 * claims a batch with {@code FOR UPDATE SKIP LOCKED} so replicas share the work; deletes the rows
 * only after Kafka acknowledged every record (acks=all, idempotent producer). A crash between the
 * two can re-send a batch: consumers deduplicate by event id.
 */
public final class KafkaOutboxRelay implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KafkaOutboxRelay.class);
  private static final int BATCH_SIZE = 500;
  private static final int SAFETY_POLL_MILLIS = 1000;
  private static final int BATCH_WINDOW_MILLIS = 5;

  private final Database database; // LISTENs on a connection of its own, claims through Jdbi
  private final Producer<String, byte[]> producer;
  private final String source; // the CloudEvents source: which service published
  private final MessagingMetrics metrics;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  public KafkaOutboxRelay(
      Database database, KafkaSettings settings, String clientId, MessagingMetrics metrics) {
    this.database = database;
    this.metrics = metrics;
    this.producer = new KafkaProducer<>(producerProperties(settings, clientId));
    this.source = "/orderpay/" + clientId;
    this.thread =
        Thread.ofPlatform().name("outbox-relay-" + clientId).daemon().unstarted(this::run);
  }

  public static Properties producerProperties(KafkaSettings settings, String clientId) {
    var props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    // bounded, so a broker outage cannot fill a small service heap with unsent batches (the
    // default is 32 MiB per producer; a service has a relay and a DLQ producer per consumer)
    props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 8L * 1024 * 1024);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return props;
  }

  public KafkaOutboxRelay start() {
    thread.start();
    return this;
  }

  private void run() {
    while (running.get()) {
      try (Connection listener = database.dataSource().getConnection()) {
        try (var statement = listener.createStatement()) {
          statement.execute("LISTEN outbox");
        }
        PGConnection notifications = listener.unwrap(PGConnection.class);
        while (running.get()) {
          if (drain() > 0) {
            // busy: the commits of the next few milliseconds go out as one batch, one produce
            // request and one outbox transaction instead of one each; the first event of a burst
            // is never held back
            sleepQuietly(BATCH_WINDOW_MILLIS);
            notifications.getNotifications(); // those rows are in the next drain: forget them
          } else {
            // blocks until an insert notifies or the safety poll elapses
            notifications.getNotifications(SAFETY_POLL_MILLIS);
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (running.get()) {
          log.warn("outbox relay failed; retrying in 1 s", e);
          sleepQuietly(1000);
        }
      }
    }
  }

  /** Publishes until the outbox is empty. Returns how many events went out. */
  public int drain() {
    int total = 0;
    int sent;
    do {
      sent =
          database
              .jdbi()
              .inTransaction(
                  handle -> {
                    List<OutboxMessage> batch = OutboxStore.claimBatch(handle, BATCH_SIZE);
                    if (batch.isEmpty()) {
                      return 0;
                    }
                    publishAll(batch);
                    OutboxStore.delete(handle, batch);
                    return batch.size();
                  });
      total += sent;
    } while (sent == BATCH_SIZE && running.get());
    return total;
  }

  private void publishAll(List<OutboxMessage> batch) {
    var acks = new ArrayList<Future<RecordMetadata>>(batch.size());
    for (OutboxMessage message : batch) {
      var record = new ProducerRecord<>(message.topic(), message.key(), message.payload());
      EventHeaders.put(record.headers(), EventHeaders.EVENT_ID, message.eventId().toString());
      EventHeaders.put(record.headers(), EventHeaders.EVENT_TYPE, message.eventType());
      EventHeaders.put(record.headers(), EventHeaders.SCHEMA_VERSION, "1");
      EventHeaders.put(record.headers(), EventHeaders.OCCURRED_AT, message.occurredAt().toString());
      EventHeaders.put(record.headers(), EventHeaders.CE_SPECVERSION, "1.0");
      EventHeaders.put(record.headers(), EventHeaders.CE_ID, message.eventId().toString());
      EventHeaders.put(record.headers(), EventHeaders.CE_SOURCE, source);
      EventHeaders.put(
          record.headers(),
          EventHeaders.CE_TYPE,
          EventHeaders.CE_TYPE_PREFIX + message.eventType());
      EventHeaders.put(record.headers(), EventHeaders.CE_TIME, message.occurredAt().toString());
      EventHeaders.put(record.headers(), EventHeaders.CE_SUBJECT, message.key());
      EventHeaders.put(record.headers(), EventHeaders.CONTENT_TYPE, "application/protobuf");
      Span span = publishSpan(message);
      if (span == null) {
        acks.add(producer.send(record));
      } else {
        Traces.inject(
            Context.root().with(span),
            (name, value) ->
                EventHeaders.put(record.headers(), EventHeaders.CE_PREFIX + name, value));
        acks.add(
            producer.send(
                record,
                (metadata, failure) -> {
                  if (failure != null) {
                    span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
                  }
                  span.end();
                }));
      }
    }
    producer.flush();
    for (var ack : acks) {
      try {
        ack.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while publishing", e);
      } catch (ExecutionException e) {
        // the transaction rolls back: the rows stay and go out on the next pass
        throw new IllegalStateException("Kafka refused an outbox record", e.getCause());
      }
    }
    for (OutboxMessage message : batch) {
      // a service that dead-letters through its outbox (the notification service) parks here
      if (message.topic().endsWith(KafkaTopics.DEAD_LETTER_SUFFIX)) {
        metrics.parked(message.topic());
      }
    }
  }

  /** A PRODUCER span continuing the trace the row kept; none for an event raised outside one. */
  private static Span publishSpan(OutboxMessage message) {
    if (message.traceParent() == null) {
      return null;
    }
    Span span =
        Traces.start(
            message.topic() + " publish",
            SpanKind.PRODUCER,
            Traces.parentFrom(message.traceParent()));
    span.setAttribute("messaging.system", "kafka");
    span.setAttribute("messaging.destination.name", message.topic());
    span.setAttribute("messaging.message.id", message.eventId().toString());
    return span;
  }

  private void wake() {
    try {
      database.jdbi().useHandle(handle -> handle.execute("SELECT pg_notify('outbox', '')"));
    } catch (RuntimeException e) {
      // the database is gone already; the relay's poll timeout ends the wait instead
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops after a last drain, so a graceful shutdown leaves nothing committed behind. */
  @Override
  public void close() {
    running.set(false);
    try {
      wake(); // the relay may be blocked waiting for a notification: give it one
      thread.join(5000);
      drain();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("final outbox drain failed; rows stay for the next start", e);
    } finally {
      producer.close();
    }
  }
}
