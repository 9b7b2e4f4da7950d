package orderpay.adapters.postgres.messaging;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Remembers which events a consumer has applied, inside the transaction that applies them. */
public final class Inbox {
  private Inbox() {}

  /** One event as a consumer received it. */
  public record Delivery(UUID eventId, String topic) {}

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

  /**
   * The event ids of a poll this consumer sees for the first time, remembered in one statement
   * instead of one per event (four inbox rows per paid order). An id twice in {@code deliveries} (a
   * batch the relay sent twice, both copies in one poll) is remembered and returned once.
   */
  public static Set<UUID> firstDeliveries(
      Handle handle, String consumer, List<Delivery> deliveries) {
    return new HashSet<>(
        handle
            .createQuery(
                """
                INSERT INTO inbox (consumer, event_id, topic)
                SELECT :consumer, d.event_id, d.topic FROM unnest(:ids, :topics) AS d(event_id, topic)
                ON CONFLICT DO NOTHING
                RETURNING event_id
                """)
            .bind("consumer", consumer)
            .bindArray("ids", UUID.class, deliveries.stream().map(Delivery::eventId).toList())
            .bindArray("topics", String.class, deliveries.stream().map(Delivery::topic).toList())
            .mapTo(UUID.class)
            .list());
  }
}
