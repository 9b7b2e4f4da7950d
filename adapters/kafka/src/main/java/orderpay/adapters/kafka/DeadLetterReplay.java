package orderpay.adapters.kafka;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts parked messages back on their topic once the cause is fixed. Each record keeps its event id
 * (so consumers that did apply it still ignore it) and loses the {@code dlq_*} headers. The replay
 * remembers how far it got (its own consumer group), so running it twice replays nothing twice.
 */
public final class DeadLetterReplay {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterReplay.class);

  private DeadLetterReplay() {}

  /** Replays what is in {@code <topic>.dlq} now; returns how many records went back. */
  public static int replay(KafkaSettings settings, String topic) {
    String dlq = settings.topic(topic) + ".dlq";
    var props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.topicPrefix() + "dlq-replay-" + topic);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    int replayed = 0;
    try (var consumer = new KafkaConsumer<String, byte[]>(props);
        var producer =
            new KafkaProducer<String, byte[]>(
                KafkaOutboxRelay.producerProperties(settings, "dlq-replay-" + UUID.randomUUID()))) {
      var partitions =
          consumer.partitionsFor(dlq, Duration.ofSeconds(10)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      var committed = consumer.committed(new HashSet<>(partitions), Duration.ofSeconds(10));
      for (var partition : partitions) {
        var offset = committed.get(partition);
        if (offset == null) {
          consumer.seekToBeginning(List.of(partition));
        } else {
          consumer.seek(partition, offset.offset());
        }
      }
      // only what is parked now: records parked again while we replay wait for the next replay
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (var record : consumer.poll(Duration.ofSeconds(1))) {
          var partition = new TopicPartition(record.topic(), record.partition());
          if (record.offset() >= end.get(partition)) {
            consumer.seek(partition, end.get(partition));
            continue;
          }
          var again = new ProducerRecord<>(settings.topic(topic), record.key(), record.value());
          record
              .headers()
              .forEach(
                  h -> {
                    if (!h.key().startsWith("dlq_")) {
                      again.headers().add(h);
                    }
                  });
          producer.send(again);
          replayed++;
        }
        producer.flush(); // on the topic before the replay's position moves past them
        var positions =
            new java.util.HashMap<
                TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata>();
        for (var partition : partitions) {
          positions.put(
              partition,
              new org.apache.kafka.clients.consumer.OffsetAndMetadata(
                  Math.min(consumer.position(partition), end.get(partition))));
        }
        consumer.commitSync(positions);
      }
    }
    log.info("replayed {} record(s) from {}", replayed, dlq);
    return replayed;
  }
}
