package orderpay.adapters.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What waits in the dead-letter topics: per topic, how many messages are parked and not replayed
 * yet, and the oldest of them. Reads only: its consumer has no group, so it can commit nothing.
 */
public final class DeadLetterListing {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** How long a listing waits for records it knows are there. */
  private static final Duration PATIENCE = Duration.ofSeconds(15);

  /** Parked and not yet replayed in one topic (named without prefix and {@code .dlq}). */
  public record TopicDepth(String topic, long depth) {}

  public record Listing(List<TopicDepth> topics, List<ParkedMessage> messages) {}

  private DeadLetterListing() {}

  /**
   * Every dead-letter topic's depth, and up to {@code limit} of the oldest parked messages (of
   * {@code onlyTopic}, or of all), oldest first.
   */
  public static Listing list(KafkaSettings settings, Optional<String> onlyTopic, int limit) {
    var waiting = DeadLetterPositions.read(settings);
    var depths = depths(waiting);
    var messages = new ArrayList<ParkedMessage>();
    for (var topic : KafkaTopics.EVENTS) {
      if (onlyTopic.isEmpty() || onlyTopic.get().equals(topic)) {
        messages.addAll(read(settings, topic, waiting.getOrDefault(topic, Map.of()), limit));
      }
    }
    messages.sort(
        Comparator.comparing(ParkedMessage::parkedAt)
            .thenComparing(ParkedMessage::topic)
            .thenComparingInt(ParkedMessage::partition)
            .thenComparingLong(ParkedMessage::offset));
    return new Listing(depths, List.copyOf(messages.subList(0, Math.min(limit, messages.size()))));
  }

  /** Every dead-letter topic's depth, reading positions only (no message). */
  public static List<TopicDepth> depths(KafkaSettings settings) {
    return depths(DeadLetterPositions.read(settings));
  }

  private static List<TopicDepth> depths(
      Map<String, Map<TopicPartition, DeadLetterPositions.Waiting>> waiting) {
    return KafkaTopics.EVENTS.stream()
        .map(
            topic ->
                new TopicDepth(
                    topic,
                    waiting.getOrDefault(topic, Map.of()).values().stream()
                        .mapToLong(DeadLetterPositions.Waiting::depth)
                        .sum()))
        .toList();
  }

  /** Up to {@code limit} waiting records of each partition, from its oldest. */
  private static List<ParkedMessage> read(
      KafkaSettings settings,
      String topic,
      Map<TopicPartition, DeadLetterPositions.Waiting> partitions,
      int limit) {
    var wanted = new HashMap<TopicPartition, Long>();
    partitions.forEach(
        (partition, waiting) -> {
          if (waiting.depth() > 0) {
            wanted.put(partition, Math.min(waiting.end(), waiting.oldest() + limit));
          }
        });
    var parked = new ArrayList<ParkedMessage>();
    if (wanted.isEmpty()) {
      return parked;
    }
    try (var consumer = new KafkaConsumer<String, byte[]>(readerProperties(settings))) {
      consumer.assign(wanted.keySet());
      wanted.keySet().forEach(p -> consumer.seek(p, partitions.get(p).oldest()));
      Instant giveUp = Instant.now().plus(PATIENCE);
      while (wanted.keySet().stream().anyMatch(p -> consumer.position(p, TIMEOUT) < wanted.get(p))
          && Instant.now().isBefore(giveUp)) {
        for (var record : consumer.poll(Duration.ofMillis(500))) {
          var partition = new TopicPartition(record.topic(), record.partition());
          if (record.offset() < wanted.get(partition)) {
            boolean oldest = record.offset() == partitions.get(partition).oldest();
            parked.add(ParkedMessage.of(topic, record, oldest));
          }
        }
      }
    }
    return parked;
  }

  private static Properties readerProperties(KafkaSettings settings) {
    var props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return props;
  }
}
