package orderpay.adapters.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Where each dead-letter partition stands: from the oldest message not replayed yet (the replay
 * group's committed offset, or the log's start) to its end. Three broker questions for every topic
 * at once, whatever their number.
 */
final class DeadLetterPositions {
  private static final long TIMEOUT_SECONDS = 10;

  /** The messages {@code [oldest, end)} of a partition wait. */
  record Waiting(long oldest, long end) {
    long depth() {
      return Math.max(0, end - oldest);
    }
  }

  private DeadLetterPositions() {}

  /** Per event topic (without prefix), per dead-letter partition; missing topics are left out. */
  static Map<String, Map<TopicPartition, Waiting>> read(KafkaSettings settings) {
    var props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (TIMEOUT_SECONDS * 1000));
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) (TIMEOUT_SECONDS * 1000));
    try (var admin = Admin.create(props)) {
      var partitionsByTopic = partitions(admin, settings);
      var all = partitionsByTopic.values().stream().flatMap(List::stream).toList();
      var starts = offsets(admin, all, OffsetSpec.earliest());
      var ends = offsets(admin, all, OffsetSpec.latest());
      var groups = new HashMap<String, ListConsumerGroupOffsetsSpec>();
      partitionsByTopic.forEach(
          (topic, partitions) ->
              groups.put(
                  ReplaySession.replayGroup(settings, topic),
                  new ListConsumerGroupOffsetsSpec().topicPartitions(partitions)));
      // stable: offsets a replay's transaction is committing are waited for, not skipped
      var committed =
          groups.isEmpty()
              ? Map.<String, Map<TopicPartition, OffsetAndMetadata>>of()
              : admin
                  .listConsumerGroupOffsets(
                      groups, new ListConsumerGroupOffsetsOptions().requireStable(true))
                  .all()
                  .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      var waiting = new HashMap<String, Map<TopicPartition, Waiting>>();
      partitionsByTopic.forEach(
          (topic, partitions) -> {
            var marks =
                committed.getOrDefault(ReplaySession.replayGroup(settings, topic), Map.of());
            var byPartition = new HashMap<TopicPartition, Waiting>();
            for (var partition : partitions) {
              var mark = marks.get(partition);
              long oldest = Math.max(mark == null ? 0 : mark.offset(), starts.get(partition));
              byPartition.put(partition, new Waiting(oldest, ends.get(partition)));
            }
            waiting.put(topic, byPartition);
          });
      return waiting;
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not read the dead-letter topics' positions", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading dead-letter positions", e);
    }
  }

  private static Map<String, List<TopicPartition>> partitions(Admin admin, KafkaSettings settings)
      throws InterruptedException, ExecutionException, TimeoutException {
    var names = new HashMap<String, String>();
    KafkaTopics.EVENTS.forEach(t -> names.put(ReplaySession.deadLetterTopic(settings, t), t));
    var described = admin.describeTopics(names.keySet()).topicNameValues();
    var partitions = new HashMap<String, List<TopicPartition>>();
    for (var entry : described.entrySet()) {
      TopicDescription description;
      try {
        description = entry.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof UnknownTopicOrPartitionException) {
          continue; // not provisioned here: nothing can be parked in it
        }
        throw e;
      }
      var list = new ArrayList<TopicPartition>();
      description
          .partitions()
          .forEach(p -> list.add(new TopicPartition(entry.getKey(), p.partition())));
      partitions.put(names.get(entry.getKey()), list);
    }
    return partitions;
  }

  private static Map<TopicPartition, Long> offsets(
      Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
      throws InterruptedException, ExecutionException, TimeoutException {
    var request = new HashMap<TopicPartition, OffsetSpec>();
    partitions.forEach(p -> request.put(p, spec));
    var offsets = new HashMap<TopicPartition, Long>();
    if (!request.isEmpty()) {
      admin
          .listOffsets(request)
          .all()
          .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .forEach((p, info) -> offsets.put(p, info.offset()));
    }
    return offsets;
  }
}
