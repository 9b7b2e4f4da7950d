package orderpay.adapters.kafka;

import orderpay.adapters.runtime.Env;

/** Where the brokers are and the topic prefix (empty in production; per test class in tests). */
public record KafkaSettings(String bootstrapServers, String topicPrefix) {
  public static KafkaSettings fromEnv(Env env) {
    return new KafkaSettings(
        env.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"), env.get("KAFKA_TOPIC_PREFIX", ""));
  }

  public String topic(String name) {
    return topicPrefix + name;
  }
}
