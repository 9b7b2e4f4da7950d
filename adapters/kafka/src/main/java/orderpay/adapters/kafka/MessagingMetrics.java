package orderpay.adapters.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * What the Kafka side of a service reports: how far each consumer is behind ({@code
 * kafka.consumer.lag}, by group) and how many messages it parked in a dead-letter topic ({@code
 * dlq.parked}, by topic). Topics and groups are named without the environment's prefix, so the same
 * queries work in every environment. One per service.
 */
public final class MessagingMetrics {
  private final MeterRegistry registry;
  private final String topicPrefix;
  private final Map<String, Counter> parkedByTopic = new ConcurrentHashMap<>();

  public MessagingMetrics(MeterRegistry registry, KafkaSettings settings) {
    this.registry = registry;
    this.topicPrefix = settings.topicPrefix();
  }

  /**
   * A consumer's lag: records on its assigned partitions it has not fetched yet, read from {@code
   * owner} at scrape time. Summed over a group's replicas, the group's lag.
   */
  <T> void lag(String consumer, T owner, ToDoubleFunction<T> lag) {
    Gauge.builder("kafka.consumer.lag", owner, lag)
        .description("records on the consumer's partitions not yet fetched")
        .tag("group", consumer)
        .strongReference(true)
        .register(registry);
  }

  /**
   * Registers the parked count of each topic's dead-letter twin at zero, so the first message
   * parked shows as an increase rather than as a new series.
   */
  void expectParkingFor(Collection<String> topics) {
    topics.forEach(topic -> counter(topic + KafkaTopics.DEAD_LETTER_SUFFIX));
  }

  /** One message went to {@code deadLetterTopic} (with or without the environment's prefix). */
  void parked(String deadLetterTopic) {
    counter(deadLetterTopic).increment();
  }

  private Counter counter(String topic) {
    String name = topic.startsWith(topicPrefix) ? topic.substring(topicPrefix.length()) : topic;
    return parkedByTopic.computeIfAbsent(
        name,
        t ->
            Counter.builder("dlq.parked")
                .description("messages parked in a dead-letter topic for a later replay")
                .tag("topic", t)
                .register(registry));
  }
}
