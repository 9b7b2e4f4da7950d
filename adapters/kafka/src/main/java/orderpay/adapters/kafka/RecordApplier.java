package orderpay.adapters.kafka;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.UUID;
import orderpay.adapters.postgres.JdbiTransactions;
import orderpay.adapters.postgres.messaging.Inbox;
import orderpay.adapters.telemetry.Traces;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the records of one poll, each in a database transaction together with its inbox row: all
 * of them in one transaction, unless that fails, and then each in its own, with retries, parking
 * and rewinds.
 */
record RecordApplier(
    ConsumerContext shared,
    String topicPrefix,
    EventHandler handler,
    JdbiTransactions transactions) {
  private static final Logger log = LoggerFactory.getLogger(IdempotentConsumer.class);

  /** Applies or parks a poll's records; true if a partition had to be rewound to a record. */
  boolean apply(Consumer<String, byte[]> consumer, ConsumerRecords<String, byte[]> records) {
    if (records.count() > 1 && applyAllAtOnce(records)) {
      shared.progress().mark();
      return false;
    }
    return processOneByOne(consumer, records);
  }

  /**
   * Applies every record of a poll in one transaction: one commit for the batch instead of one per
   * record. True if that worked; false changes nothing (the transaction rolled back) and the
   * records then go one by one, with their own retries, parking and rewinds.
   */
  private boolean applyAllAtOnce(ConsumerRecords<String, byte[]> records) {
    var events = new ArrayList<ReceivedEvent>(records.count());
    var parents = new ArrayList<Context>(records.count());
    for (var partition : records.partitions()) {
      for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
        try {
          events.add(toEvent(record));
          parents.add(parentOf(record));
        } catch (PoisonMessage poison) {
          return false; // parked on the one-by-one path
        }
      }
    }
    try {
      transactions.run(
          () -> {
            // one inbox statement for the poll, not one per record
            var firstTime =
                Inbox.firstDeliveries(
                    transactions.requireTransaction(),
                    shared.name(),
                    events.stream().map(e -> new Inbox.Delivery(e.eventId(), e.topic())).toList());
            for (int i = 0; i < events.size(); i++) {
              var event = events.get(i);
              Traces.within(
                  processSpan(event, parents.get(i)),
                  () -> {
                    if (firstTime.remove(event.eventId())) {
                      handle(event);
                    } else {
                      log.debug("{} ignores redelivered {}", shared.name(), event.eventId());
                    }
                    return null;
                  });
            }
          });
      return true;
    } catch (RuntimeException failure) {
      log.debug("{} applies a batch one by one after {}", shared.name(), failure.toString());
      return false;
    }
  }

  /** The trace the record's event continues ({@code ce_traceparent}); a new one if it has none. */
  private static Context parentOf(ConsumerRecord<String, byte[]> record) {
    return Traces.parentFrom(
        EventHeaders.get(record.headers(), EventHeaders.CE_TRACEPARENT).orElse(null));
  }

  private Span processSpan(ReceivedEvent event, Context parent) {
    Span span = Traces.start(event.topic() + " process", SpanKind.CONSUMER, parent);
    span.setAttribute("messaging.system", "kafka");
    span.setAttribute("messaging.destination.name", event.topic());
    span.setAttribute("messaging.consumer.group.name", shared.name());
    span.setAttribute("messaging.message.id", event.eventId().toString());
    return span;
  }

  /** Each record in its own transaction; true if a partition had to be rewound to a record. */
  private boolean processOneByOne(
      Consumer<String, byte[]> consumer, ConsumerRecords<String, byte[]> records) {
    boolean leftBehind = false;
    for (var partition : records.partitions()) {
      for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
        if (!process(record)) {
          // the infrastructure is away: come back to this record, keep the partition's order
          consumer.seek(partition, record.offset());
          leftBehind = true;
          break;
        }
        if (!leftBehind) {
          shared.progress().mark(); // a long batch is progress; a partition held back is not
        }
      }
    }
    return leftBehind;
  }

  /**
   * Applies or parks the record and returns true; false if it must be retried later (the database
   * or the DLQ is away, or the consumer is closing).
   */
  private boolean process(ConsumerRecord<String, byte[]> record) {
    ReceivedEvent event;
    try {
      event = toEvent(record);
    } catch (PoisonMessage poison) {
      return shared.parking().park(record, poison, 1);
    }
    Span span = processSpan(event, parentOf(record));
    try (var entered = Traces.enter(span)) {
      for (int attempt = 1; ; attempt++) {
        try {
          transactions.run(() -> applyOnce(event));
          return true;
        } catch (PoisonMessage poison) {
          return shared.parking().park(record, poison, attempt);
        } catch (RuntimeException failure) {
          if (TransientFailure.isTransient(failure)) {
            shared.progress().problem("cannot apply " + event.eventId() + " now: " + failure);
            log.warn(
                "{} cannot apply {} now ({}); will retry",
                shared.name(),
                event.eventId(),
                failure.toString());
            return false;
          }
          if (shared.closing().requested()) {
            return false; // closing: the next owner of the partition retries it in full
          }
          if (attempt >= shared.retryPolicy().maxAttempts()) {
            return shared.parking().park(record, failure, attempt);
          }
          log.warn(
              "{} failed on {} (attempt {}), retrying", shared.name(), event.eventId(), attempt);
          shared.closing().pause(shared.retryPolicy().backoffAfter(attempt));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WakeupException();
    } finally {
      span.end();
    }
  }

  private void applyOnce(ReceivedEvent event) {
    var handle = transactions.requireTransaction();
    if (!Inbox.firstDelivery(handle, shared.name(), event.eventId(), event.topic())) {
      log.debug("{} ignores redelivered {}", shared.name(), event.eventId());
      return;
    }
    handle(event);
  }

  private void handle(ReceivedEvent event) {
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
}
