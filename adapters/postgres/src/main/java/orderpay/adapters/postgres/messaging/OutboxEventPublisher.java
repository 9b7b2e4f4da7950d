package orderpay.adapters.postgres.messaging;

import orderpay.adapters.postgres.JdbiTransactions;
import orderpay.domain.shared.DomainEvent;
import orderpay.domain.shared.EventPublisher;
import orderpay.domain.shared.IdGenerator;
import org.slf4j.MDC;

/** Writes events into the outbox of the caller's transaction; refuses to run outside one. */
public final class OutboxEventPublisher implements EventPublisher {
  private final JdbiTransactions transactions;
  private final EventSerializer serializer;
  private final IdGenerator ids;
  private final String topicPrefix;

  public OutboxEventPublisher(
      JdbiTransactions transactions,
      EventSerializer serializer,
      IdGenerator ids,
      String topicPrefix) {
    this.transactions = transactions;
    this.serializer = serializer;
    this.ids = ids;
    this.topicPrefix = topicPrefix;
  }

  @Override
  public void publish(DomainEvent event) {
    var serialized = serializer.serialize(event);
    transactions
        .requireTransaction()
        .createUpdate(
            """
            INSERT INTO outbox (event_id, topic, message_key, event_type, payload, trace_id, occurred_at)
            VALUES (:eventId, :topic, :key, :type, :payload, :traceId, :occurredAt)
            """)
        .bind("eventId", ids.newId())
        .bind("topic", topicPrefix + serialized.topic())
        .bind("key", event.aggregateId())
        .bind("type", serialized.eventType())
        .bind("payload", serialized.payload())
        .bind("traceId", MDC.get("trace_id"))
        .bind("occurredAt", event.occurredAt())
        .execute();
  }
}
