package orderpay.adapters.kafka;

/**
 * Applies one event. Runs inside the consumer's transaction, together with the inbox record, so its
 * database effects happen once however often Kafka delivers the event.
 */
@FunctionalInterface
public interface EventHandler {
  void handle(ReceivedEvent event) throws Exception;
}
