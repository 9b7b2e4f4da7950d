package orderpay.adapters.kafka;

import java.time.Duration;
import orderpay.runtime.Env;

/**
 * Where the brokers are, the topic prefix (empty in production; per test class in tests), and how
 * long a consumer may go without progress before its service stops reporting ready.
 */
public record KafkaSettings(
    String bootstrapServers, String topicPrefix, Duration consumerStallThreshold) {
  public static final Duration DEFAULT_STALL_THRESHOLD = Duration.ofSeconds(60);

  public KafkaSettings {
    // an idle consumer marks progress once per poll (500 ms): a shorter threshold would flap
    if (consumerStallThreshold.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(
          "CONSUMER_STALL_THRESHOLD must be at least 1s, got " + consumerStallThreshold);
    }
  }

  public KafkaSettings(String bootstrapServers, String topicPrefix) {
    this(bootstrapServers, topicPrefix, DEFAULT_STALL_THRESHOLD);
  }

  public static KafkaSettings fromEnv(Env env) {
    return new KafkaSettings(
        env.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
        env.get("KAFKA_TOPIC_PREFIX", ""),
        env.duration("CONSUMER_STALL_THRESHOLD", DEFAULT_STALL_THRESHOLD));
  }

  public KafkaSettings withConsumerStallThreshold(Duration threshold) {
    return new KafkaSettings(bootstrapServers, topicPrefix, threshold);
  }

  public String topic(String name) {
    return topicPrefix + name;
  }
}
