package orderpay.adapters.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts parked messages back on their topic once the cause is fixed. Each record keeps its event id
 * (so consumers that did apply it still ignore it) and loses the {@code dlq_*} headers. The replay
 * remembers how far it got as the offset of its own consumer group, moved in the same Kafka
 * transaction that puts the records back, so running it twice, or from the CLI and the console at
 * once, replays nothing twice (ADR 0013).
 */
public final class DeadLetterReplay {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterReplay.class);

  private DeadLetterReplay() {}

  /** What a replay of one message did. */
  public sealed interface SingleReplay {
    /** The message is back on its topic. */
    record Replayed() implements SingleReplay {}

    /** Nothing waits at that position: it was replayed already, or never parked there. */
    record NotParked() implements SingleReplay {}

    /** Older messages of its partition wait before it, starting at {@code oldest}. */
    record WaitsBehind(long oldest) implements SingleReplay {}
  }

  /** Another replay of the same topic started meanwhile and took over; this one's part is void. */
  public static final class TakenOver extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TakenOver(String topic, Throwable cause) {
      super("another replay of " + topic + " started meanwhile and took over", cause);
    }
  }

  /** Replays what is in {@code <topic>.dlq} now; returns how many records went back. */
  public static int replay(KafkaSettings settings, String topic) {
    int replayed = 0;
    try (var session = ReplaySession.open(settings, topic)) {
      var partitions = session.partitions();
      session.seekToUnreplayed(partitions);
      // only what is parked now: records parked again while we replay wait for the next replay
      Map<TopicPartition, Long> end = session.ends(partitions);
      while (partitions.stream().anyMatch(p -> session.position(p) < end.get(p))) {
        var batch = new ArrayList<ConsumerRecord<String, byte[]>>();
        for (var record : session.poll(partitions)) {
          var partition = new TopicPartition(record.topic(), record.partition());
          if (record.offset() < end.get(partition)) {
            batch.add(record);
          }
        }
        var next = new HashMap<TopicPartition, Long>();
        partitions.forEach(p -> next.put(p, Math.min(session.position(p), end.get(p))));
        session.putBack(batch, next);
        replayed += batch.size();
      }
    }
    log.info(
        "replayed {} record(s) from {}", replayed, ReplaySession.deadLetterTopic(settings, topic));
    return replayed;
  }

  /**
   * Replays the message at {@code offset} of the dead-letter partition, if it is the oldest one
   * still parked there: the replay group's offset is the only record of what went back, so a
   * message may leave only in turn (which also keeps one key's events in their order).
   */
  public static SingleReplay replayOne(
      KafkaSettings settings, String topic, int partition, long offset) {
    var target = new TopicPartition(ReplaySession.deadLetterTopic(settings, topic), partition);
    try (var session = ReplaySession.open(settings, topic)) {
      if (!session.partitions().contains(target)) {
        return new SingleReplay.NotParked();
      }
      long oldest = session.seekToUnreplayed(List.of(target)).get(target);
      long end = session.ends(List.of(target)).get(target);
      if (offset < oldest || offset >= end) {
        return new SingleReplay.NotParked();
      }
      if (offset > oldest) {
        return new SingleReplay.WaitsBehind(oldest);
      }
      ConsumerRecord<String, byte[]> record = null;
      while (record == null) {
        for (var polled : session.poll(List.of(target)).records(target)) {
          if (polled.offset() == offset) {
            record = polled;
            break;
          }
        }
      }
      session.putBack(List.of(record), Map.of(target, offset + 1));
    }
    log.info("replayed {}@{}/{}", target.topic(), partition, offset);
    return new SingleReplay.Replayed();
  }
}
