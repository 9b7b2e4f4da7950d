package orderpay.apps.kit;

import java.util.List;
import java.util.function.Supplier;
import orderpay.adapters.kafka.EventHandler;
import orderpay.adapters.kafka.IdempotentConsumer;
import orderpay.adapters.kafka.KafkaTopics;
import orderpay.adapters.kafka.KafkaTopics.Subscription;
import orderpay.adapters.kafka.RetryPolicy;
import orderpay.adapters.postgres.Database;

/**
 * Makes a service's Kafka consumers, each an idempotent consumer whose effects share the service's
 * database transactions and whose lag and dead letters go to its metrics. Bound by {@link
 * ServiceKitModule}, so an app names only its subscription (from the catalogue in {@link
 * KafkaTopics}) and the handler.
 */
public record Consumers(ServiceSettings settings, Database database, ServiceMetrics metrics) {
  /** A worker consuming the subscription's topics as its consumer group. */
  public Supplier<AutoCloseable> of(Subscription subscription, EventHandler handler) {
    return of(subscription.group(), subscription.topics(), handler);
  }

  /** A worker consuming {@code topics} as the consumer group {@code name}. */
  public Supplier<AutoCloseable> of(String name, List<String> topics, EventHandler handler) {
    return () ->
        new IdempotentConsumer(
                new IdempotentConsumer.Setup(
                    settings.kafka(),
                    database.transactions(),
                    RetryPolicy.DEFAULT,
                    metrics.messaging()),
                name,
                topics,
                handler)
            .start();
  }
}
