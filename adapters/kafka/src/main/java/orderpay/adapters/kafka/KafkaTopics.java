package orderpay.adapters.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import orderpay.adapters.kafka.catalog.ProductEventSerializer;
import orderpay.adapters.kafka.inventory.InventoryEventSerializer;
import orderpay.adapters.kafka.order.OrderEventSerializer;
import orderpay.adapters.kafka.payment.PaymentEventSerializer;
import orderpay.adapters.kafka.user.UserEventSerializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Every topic OrderPay publishes to, and its dead-letter twin. Environments create them before the
 * services start (the embedded broker through {@link #ensureExist}, Kubernetes through its topic
 * job), so no client meets a missing topic and nothing depends on the broker creating topics.
 */
public final class KafkaTopics {
  public static final String DEAD_LETTER_SUFFIX = ".dlq";

  /** The event topics, without the environment's prefix. */
  public static final List<String> EVENTS =
      List.of(
          UserEventSerializer.USER_REGISTERED,
          ProductEventSerializer.PRODUCT_CHANGED,
          OrderEventSerializer.ORDER_CREATED,
          OrderEventSerializer.ORDER_PAID,
          OrderEventSerializer.ORDER_FAILED,
          OrderEventSerializer.ORDER_CANCELLED,
          OrderEventSerializer.ORDER_REFUNDED,
          PaymentEventSerializer.PAYMENT_STATUS_UPDATED,
          InventoryEventSerializer.RESERVATION_EXPIRED,
          InventoryEventSerializer.COMMIT_REFUSED);

  private KafkaTopics() {}

  /** The event topics and their dead-letter topics, with the environment's prefix. */
  public static List<String> all(KafkaSettings settings) {
    var names = new ArrayList<String>();
    for (String event : EVENTS) {
      names.add(settings.topic(event));
      names.add(settings.topic(event) + DEAD_LETTER_SUFFIX);
    }
    return List.copyOf(names);
  }

  /**
   * Creates whichever of {@link #all} is missing, and the consumer-offsets topic (by asking for a
   * group coordinator once, instead of every consumer racing to have it created). For brokers this
   * process owns (the sandbox, tests, the local cluster); production provisions topics itself.
   */
  public static void ensureExist(KafkaSettings settings, int partitions) {
    var props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    try (var admin = Admin.create(props)) {
      var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      var missing =
          all(settings).stream()
              .filter(name -> !existing.contains(name))
              .map(name -> new NewTopic(name, partitions, (short) 1))
              .toList();
      if (!missing.isEmpty()) {
        for (var created : admin.createTopics(missing).values().entrySet()) {
          try {
            created.getValue().get(30, TimeUnit.SECONDS);
          } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
              throw e;
            }
          }
        }
      }
      try {
        admin
            .describeConsumerGroups(List.of(settings.topic("orderpay-startup")))
            .all()
            .get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof GroupIdNotFoundException)) {
          throw e; // not found is the answer we expect: the coordinator (and its topic) exists
        }
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not create the Kafka topics", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating the Kafka topics", e);
    }
  }

  /** For tests: how many partitions each of {@link #all} has. */
  static Map<String, Integer> partitionsOf(KafkaSettings settings) throws Exception {
    var props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    try (var admin = Admin.create(props)) {
      var described = admin.describeTopics(all(settings)).allTopicNames().get(30, TimeUnit.SECONDS);
      var partitions = new java.util.TreeMap<String, Integer>();
      described.forEach(
          (name, description) -> partitions.put(name, description.partitions().size()));
      return partitions;
    }
  }
}
