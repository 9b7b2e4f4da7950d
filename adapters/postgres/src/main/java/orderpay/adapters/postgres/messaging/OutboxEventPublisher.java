package orderpay.adapters.postgres.messaging;

import java.util.List;
import orderpay.adapters.postgres.JdbiTransactions;
import orderpay.adapters.telemetry.Traces;
import orderpay.domain.shared.DomainEvent;
import orderpay.domain.shared.EventPublisher;
import orderpay.domain.shared.IdGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes events into the outbox of the caller's transaction; refuses to run outside one. Write
 * listeners hear of each event in that transaction; committed-event listeners after it commits.
 */
public record OutboxEventPublisher(
    JdbiTransactions transactions,
    EventSerializer serializer,
    IdGenerator ids,
    String topicPrefix,
    List<CommittedEventListener> listeners,
    List<OutboxWriteListener> writeListeners)
    implements EventPublisher {
  private static final Logger log = LoggerFactory.getLogger(OutboxEventPublisher.class);

  public OutboxEventPublisher {
    listeners = List.copyOf(listeners);
    writeListeners = List.copyOf(writeListeners);
  }

  public OutboxEventPublisher(
      JdbiTransactions transactions,
      EventSerializer serializer,
      IdGenerator ids,
      String topicPrefix) {
    this(transactions, serializer, ids, topicPrefix, List.of());
  }

  public OutboxEventPublisher(
      JdbiTransactions transactions,
      EventSerializer serializer,
      IdGenerator ids,
      String topicPrefix,
      List<CommittedEventListener> listeners) {
    this(transactions, serializer, ids, topicPrefix, listeners, List.of());
  }

  @Override
  public void publish(DomainEvent event) {
    var serialized = serializer.serialize(event);
    var handle = transactions.requireTransaction();
    var eventId = ids.newId();
    handle
        .createUpdate(
            """
            INSERT INTO outbox (event_id, topic, message_key, event_type, payload, trace_parent, occurred_at)
            VALUES (:eventId, :topic, :key, :type, :payload, :traceParent, :occurredAt)
            """)
        .bind("eventId", eventId)
        .bind("topic", topicPrefix + serialized.topic())
        .bind("key", event.aggregateId())
        .bind("type", serialized.eventType())
        .bind("payload", serialized.payload())
        .bind("traceParent", Traces.currentTraceparent()) // the event continues this trace
        .bind("occurredAt", event.occurredAt())
        .execute();
    for (var listener : writeListeners) {
      listener.written(event, eventId, serialized.topic(), serialized.eventType());
    }
    if (!listeners.isEmpty()) {
      handle.afterCommit(() -> tell(event));
    }
  }

  /** The event is committed whatever a listener does: its failure must not fail the caller. */
  private void tell(DomainEvent event) {
    for (var listener : listeners) {
      try {
        listener.committed(event);
      } catch (RuntimeException e) {
        log.warn("a listener failed on a committed {}", event.getClass().getSimpleName(), e);
      }
    }
  }
}
