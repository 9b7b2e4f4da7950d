package orderpay.adapters.postgres.messaging;

import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Remembers which events a consumer has applied, inside the transaction that applies them. */
public final class Inbox {
  private Inbox() {}

  /** True the first time this consumer sees the event id; false for a redelivery. */
  public static boolean firstDelivery(Handle handle, String consumer, UUID eventId, String topic) {
    return handle
            .createUpdate(
                """
                INSERT INTO inbox (consumer, event_id, topic) VALUES (:consumer, :eventId, :topic)
                ON CONFLICT DO NOTHING
                """)
            .bind("consumer", consumer)
            .bind("eventId", eventId)
            .bind("topic", topic)
            .execute()
        == 1;
  }
}
