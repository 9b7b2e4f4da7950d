package orderpay.adapters.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One replay of a topic's dead letters: a consumer of {@code <topic>.dlq} in the replay group and a
 * transactional producer whose id is the same for every replay of the topic. Opening it fences any
 * earlier replay of the topic still running (its open transaction is aborted), so where the group
 * stands, read after that, is not moved by anyone else until this one closes.
 */
final class ReplaySession implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** How long a replay waits for records it knows are there before it gives up. */
  private static final Duration STALL = Duration.ofSeconds(30);

  private final String topic;
  private final String deadLetterTopic;
  private final String eventTopic;
  private final KafkaConsumer<String, byte[]> consumer;
  private final KafkaProducer<String, byte[]> producer;

  private ReplaySession(
      KafkaSettings settings,
      String topic,
      KafkaConsumer<String, byte[]> consumer,
      KafkaProducer<String, byte[]> producer) {
    this.topic = topic;
    this.deadLetterTopic = deadLetterTopic(settings, topic);
    this.eventTopic = settings.topic(topic);
    this.consumer = consumer;
    this.producer = producer;
  }

  static ReplaySession open(KafkaSettings settings, String topic) {
    var producerProps =
        KafkaOutboxRelay.producerProperties(settings, "dlq-replay-" + topic + "-producer");
    producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, replayGroup(settings, topic));
    var producer = new KafkaProducer<String, byte[]>(producerProps);
    try {
      producer.initTransactions();
      return new ReplaySession(
          settings, topic, new KafkaConsumer<>(consumerProperties(settings, topic)), producer);
    } catch (RuntimeException e) {
      producer.close(Duration.ZERO);
      throw e;
    }
  }

  /** The consumer group (and transactional id) of every replay of {@code topic}. */
  static String replayGroup(KafkaSettings settings, String topic) {
    return settings.topicPrefix() + "dlq-replay-" + topic;
  }

  static String deadLetterTopic(KafkaSettings settings, String topic) {
    return settings.topic(topic) + KafkaTopics.DEAD_LETTER_SUFFIX;
  }

  private static Properties consumerProperties(KafkaSettings settings, String topic) {
    var props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, replayGroup(settings, topic));
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // committed() then waits for offsets a replay's transaction is still committing
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return props;
  }

  List<TopicPartition> partitions() {
    return consumer.partitionsFor(deadLetterTopic, TIMEOUT).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition()))
        .toList();
  }

  /**
   * Assigns the partitions and seeks each to its oldest record not replayed yet (what the group
   * committed, or the log's start if retention removed more); returns those offsets.
   */
  Map<TopicPartition, Long> seekToUnreplayed(List<TopicPartition> partitions) {
    consumer.assign(partitions);
    var committed = consumer.committed(new HashSet<>(partitions), TIMEOUT);
    var beginnings = consumer.beginningOffsets(partitions, TIMEOUT);
    var oldest = new HashMap<TopicPartition, Long>();
    for (var partition : partitions) {
      var mark = committed.get(partition);
      long start = Math.max(mark == null ? 0 : mark.offset(), beginnings.get(partition));
      consumer.seek(partition, start);
      oldest.put(partition, start);
    }
    return oldest;
  }

  Map<TopicPartition, Long> ends(List<TopicPartition> partitions) {
    return consumer.endOffsets(partitions, TIMEOUT);
  }

  long position(TopicPartition partition) {
    return consumer.position(partition, TIMEOUT);
  }

  /** The next records; fails if none come and no position moves for {@link #STALL}. */
  ConsumerRecords<String, byte[]> poll(List<TopicPartition> partitions) {
    var before = positions(partitions);
    Instant giveUp = Instant.now().plus(STALL);
    while (true) {
      var records = consumer.poll(Duration.ofSeconds(1));
      if (!records.isEmpty() || !positions(partitions).equals(before)) {
        return records;
      }
      if (Instant.now().isAfter(giveUp)) {
        throw new IllegalStateException(
            "no records from " + deadLetterTopic + " for " + STALL + " while some are parked");
      }
    }
  }

  private Map<TopicPartition, Long> positions(List<TopicPartition> partitions) {
    var positions = new HashMap<TopicPartition, Long>();
    partitions.forEach(p -> positions.put(p, position(p)));
    return positions;
  }

  /**
   * In one transaction: the records go back on their topic (same key and value, same event id, no
   * {@code dlq_*} headers) and the replay group moves to {@code next}. Consumers read committed
   * records only, so a record is back exactly when the group has moved past it.
   */
  void putBack(List<ConsumerRecord<String, byte[]>> records, Map<TopicPartition, Long> next) {
    var offsets = new HashMap<TopicPartition, OffsetAndMetadata>();
    next.forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset)));
    try {
      producer.beginTransaction();
      for (var record : records) {
        producer.send(backOnTopic(record));
      }
      producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
      producer.commitTransaction();
    } catch (ProducerFencedException | InvalidProducerEpochException fenced) {
      throw new DeadLetterReplay.TakenOver(topic, fenced);
    } catch (KafkaException failed) {
      try {
        producer.abortTransaction();
      } catch (KafkaException alsoFailed) {
        failed.addSuppressed(alsoFailed);
      }
      throw failed;
    }
  }

  private ProducerRecord<String, byte[]> backOnTopic(ConsumerRecord<String, byte[]> record) {
    var again = new ProducerRecord<>(eventTopic, record.key(), record.value());
    record
        .headers()
        .forEach(
            h -> {
              if (!h.key().startsWith("dlq_")) {
                again.headers().add(h);
              }
            });
    return again;
  }

  @Override
  public void close() {
    try {
      consumer.close(TIMEOUT);
    } finally {
      producer.close(TIMEOUT);
    }
  }
}
