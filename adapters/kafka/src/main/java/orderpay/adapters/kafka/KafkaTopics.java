package orderpay.adapters.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The catalogue of OrderPay's Kafka topics and of who reads them: every topic name is stated here
 * once (each service's {@code *EventSerializer} writes to its own), every consumer group with the
 * topics it subscribes to, and each topic's dead-letter twin. Environments create the topics before
 * the services start (the embedded broker through {@link #ensureExist}, Kubernetes through its
 * topic job), so no client meets a missing topic and nothing depends on the broker creating them.
 */
public final class KafkaTopics {
  public static final String DEAD_LETTER_SUFFIX = ".dlq";

  // the user service's
  public static final String USER_REGISTERED = "user.registered";
  // the product service's
  public static final String PRODUCT_CHANGED = "product.changed";
  // the order service's: one topic per kind, all keyed by order id
  public static final String ORDER_CREATED = "order.created";
  public static final String ORDER_PAID = "order.paid";
  public static final String ORDER_FAILED = "order.failed";
  public static final String ORDER_CANCELLED = "order.cancelled";
  public static final String ORDER_REFUNDED = "order.refunded";
  // the payment service's
  public static final String PAYMENT_STATUS_UPDATED = "payment.status-updated";
  // the inventory service's
  public static final String RESERVATION_EXPIRED = "inventory.reservation-expired";
  public static final String COMMIT_REFUSED = "inventory.commit-refused";

  /** The event topics, without the environment's prefix. */
  public static final List<String> EVENTS =
      List.of(
          USER_REGISTERED,
          PRODUCT_CHANGED,
          ORDER_CREATED,
          ORDER_PAID,
          ORDER_FAILED,
          ORDER_CANCELLED,
          ORDER_REFUNDED,
          PAYMENT_STATUS_UPDATED,
          RESERVATION_EXPIRED,
          COMMIT_REFUSED);

  /**
   * One consumer group: the service that runs it, its name (which the inbox, the lag metrics and
   * parked messages show) and the topics it reads.
   */
  public record Subscription(String service, String group, List<String> topics) {
    public Subscription {
      topics = List.copyOf(topics);
      if (!EVENTS.containsAll(topics)) {
        throw new IllegalArgumentException(group + " reads a topic that is not ours: " + topics);
      }
    }
  }

  public static final Subscription ORDER_PAYMENT_EVENTS =
      new Subscription("order-service", "order-payment-events", List.of(PAYMENT_STATUS_UPDATED));
  public static final Subscription ORDER_INVENTORY_EVENTS =
      new Subscription("order-service", "order-inventory-events", List.of(COMMIT_REFUSED));
  public static final Subscription INVENTORY_PRODUCT_EVENTS =
      new Subscription("inventory-service", "inventory-product-events", List.of(PRODUCT_CHANGED));
  public static final Subscription INVENTORY_ORDER_EVENTS =
      new Subscription(
          "inventory-service",
          "inventory-order-events",
          List.of(ORDER_PAID, ORDER_FAILED, ORDER_CANCELLED, ORDER_REFUNDED));
  public static final Subscription NOTIFICATION_EVENTS =
      new Subscription(
          "notification-service",
          "notification-events",
          List.of(
              USER_REGISTERED,
              ORDER_CREATED,
              ORDER_PAID,
              ORDER_FAILED,
              ORDER_CANCELLED,
              ORDER_REFUNDED));

  /** Every consumer group of every service. */
  public static final List<Subscription> SUBSCRIPTIONS =
      List.of(
          ORDER_PAYMENT_EVENTS,
          ORDER_INVENTORY_EVENTS,
          INVENTORY_PRODUCT_EVENTS,
          INVENTORY_ORDER_EVENTS,
          NOTIFICATION_EVENTS);

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
