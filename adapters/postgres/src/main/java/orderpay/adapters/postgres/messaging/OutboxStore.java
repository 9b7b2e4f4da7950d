package orderpay.adapters.postgres.messaging;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The relay's view of the outbox: claim a batch (skipping rows other relays hold), then drop it.
 */
public final class OutboxStore {
  private OutboxStore() {}

  public static List<OutboxMessage> claimBatch(Handle handle, int limit) {
    return handle
        .createQuery(
            """
            SELECT id, event_id, topic, message_key, event_type, payload, trace_parent, occurred_at
            FROM outbox ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED
            """)
        .bind("limit", limit)
        .map(
            (rs, ctx) ->
                new OutboxMessage(
                    rs.getLong("id"),
                    rs.getObject("event_id", UUID.class),
                    rs.getString("topic"),
                    rs.getString("message_key"),
                    rs.getString("event_type"),
                    rs.getBytes("payload"),
                    rs.getString("trace_parent"),
                    rs.getTimestamp("occurred_at").toInstant()))
        .list();
  }

  public static void delete(Handle handle, List<OutboxMessage> sent) {
    handle
        .createUpdate("DELETE FROM outbox WHERE id = ANY(:ids)")
        .bindArray("ids", Long.class, sent.stream().map(OutboxMessage::sequence).toList())
        .execute();
  }

  /**
   * Appends an already-serialized record (e.g. a dead letter) to the outbox of the caller's
   * transaction.
   */
  public static void append(
      Handle handle,
      UUID eventId,
      String topic,
      String key,
      String type,
      byte[] payload,
      java.time.Instant at) {
    handle
        .createUpdate(
            """
            INSERT INTO outbox (event_id, topic, message_key, event_type, payload, occurred_at)
            VALUES (:eventId, :topic, :key, :type, :payload, :at)
            """)
        .bind("eventId", eventId)
        .bind("topic", topic)
        .bind("key", key)
        .bind("type", type)
        .bind("payload", payload)
        .bind("at", at)
        .execute();
  }

  public static long pending(Handle handle) {
    return handle.createQuery("SELECT count(*) FROM outbox").mapTo(Long.class).one();
  }
}
