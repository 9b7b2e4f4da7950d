package orderpay.devstack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from the beginning, for tests that assert what reached Kafka. */
public final class TopicProbe implements AutoCloseable {
  private final KafkaConsumer<String, byte[]> consumer;
  private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

  public TopicProbe(String bootstrapServers, String topic) {
    var props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    consumer = new KafkaConsumer<>(props);
    consumer.subscribe(List.of(topic));
  }

  /** Polls until {@code done} holds for everything seen so far, or the timeout passes. */
  public List<ConsumerRecord<String, byte[]>> awaitRecords(
      Predicate<List<ConsumerRecord<String, byte[]>>> done, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (!done.test(seen) && Instant.now().isBefore(deadline)) {
      consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    }
    return List.copyOf(seen);
  }

  /** Keeps polling for the whole window: for asserting that nothing more arrives. */
  public List<ConsumerRecord<String, byte[]>> recordsWithin(Duration window) {
    return awaitRecords(records -> false, window);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
