package orderpay.adapters.kafka;

import java.time.Duration;
import orderpay.runtime.Env;

/**
 * Where the brokers are, the topic prefix (empty in production; per test class in tests), how long
 * a consumer may go without progress before its service stops reporting ready, and how long a
 * consumer's fetch may wait for records to gather ({@code KAFKA_CONSUMER_FETCH_WAIT}; zero: it
 * returns with the first record, Kafka's default).
 */
public record KafkaSettings(
    String bootstrapServers,
    String topicPrefix,
    Duration consumerStallThreshold,
    Duration consumerFetchWait) {
  public static final Duration DEFAULT_STALL_THRESHOLD = Duration.ofSeconds(60);
  public static final Duration DEFAULT_FETCH_WAIT = Duration.ZERO;

  public KafkaSettings {
    // an idle consumer marks progress once per poll (500 ms): a shorter threshold would flap
    if (consumerStallThreshold.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(
          "CONSUMER_STALL_THRESHOLD must be at least 1s, got " + consumerStallThreshold);
    }
    // the fetch's wait must stay well under the poll's timeout and the stall threshold
    if (consumerFetchWait.isNegative() || consumerFetchWait.compareTo(MAX_FETCH_WAIT) > 0) {
      throw new IllegalArgumentException(
          "KAFKA_CONSUMER_FETCH_WAIT must be between 0 and "
              + MAX_FETCH_WAIT.toMillis()
              + "ms, got "
              + consumerFetchWait);
    }
  }

  private static final Duration MAX_FETCH_WAIT = Duration.ofMillis(200);

  public KafkaSettings(
      String bootstrapServers, String topicPrefix, Duration consumerStallThreshold) {
    this(bootstrapServers, topicPrefix, consumerStallThreshold, DEFAULT_FETCH_WAIT);
  }

  public KafkaSettings(String bootstrapServers, String topicPrefix) {
    this(bootstrapServers, topicPrefix, DEFAULT_STALL_THRESHOLD);
  }

  public static KafkaSettings fromEnv(Env env) {
    return new KafkaSettings(
        env.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
        env.get("KAFKA_TOPIC_PREFIX", ""),
        env.duration("CONSUMER_STALL_THRESHOLD", DEFAULT_STALL_THRESHOLD),
        env.duration("KAFKA_CONSUMER_FETCH_WAIT", DEFAULT_FETCH_WAIT));
  }

  public KafkaSettings withConsumerStallThreshold(Duration threshold) {
    return new KafkaSettings(bootstrapServers, topicPrefix, threshold, consumerFetchWait);
  }

  public String topic(String name) {
    return topicPrefix + name;
  }
}
