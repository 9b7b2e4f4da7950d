package orderpay.adapters.kafka.order;

import static orderpay.adapters.kafka.KafkaTopics.ORDER_CANCELLED;
import static orderpay.adapters.kafka.KafkaTopics.ORDER_CREATED;
import static orderpay.adapters.kafka.KafkaTopics.ORDER_FAILED;
import static orderpay.adapters.kafka.KafkaTopics.ORDER_PAID;
import static orderpay.adapters.kafka.KafkaTopics.ORDER_REFUNDED;

import orderpay.adapters.kafka.EventMoney;
import orderpay.adapters.postgres.messaging.EventSerializer;
import orderpay.contracts.events.v1.OrderCreated;
import orderpay.contracts.events.v1.OrderLine;
import orderpay.contracts.events.v1.OrderStatusChanged;
import orderpay.domain.order.OrderEvent;
import orderpay.domain.order.OrderEvent.OrderFacts;
import orderpay.domain.order.OrderStatus;
import orderpay.domain.shared.DomainEvent;

/**
 * The order service's events: one topic per kind, all keyed by order id. Each payload is written
 * from the event alone, the order as its transition left it.
 */
public final class OrderEventSerializer implements EventSerializer {
  /** The outcome an order topic announces, if it announces one. */
  public static java.util.Optional<orderpay.domain.shared.OrderOutcome> outcomeOf(
      String topicName) {
    return java.util.Optional.ofNullable(
        switch (topicName) {
          case ORDER_PAID -> orderpay.domain.shared.OrderOutcome.PAID;
          case ORDER_FAILED -> orderpay.domain.shared.OrderOutcome.FAILED;
          case ORDER_CANCELLED -> orderpay.domain.shared.OrderOutcome.CANCELLED;
          case ORDER_REFUNDED -> orderpay.domain.shared.OrderOutcome.REFUNDED;
          default -> null;
        });
  }

  @Override
  public Serialized serialize(DomainEvent event) {
    if (!(event instanceof OrderEvent orderEvent)) {
      throw new IllegalArgumentException("the order service does not publish " + event.getClass());
    }
    OrderFacts order = orderEvent.order();
    return switch (orderEvent) {
      case OrderEvent.Placed placed ->
          new Serialized(ORDER_CREATED, "OrderCreated", created(placed).toByteArray());
      case OrderEvent.Paid paid -> status(ORDER_PAID, "OrderPaid", order, null);
      case OrderEvent.Failed failed -> status(ORDER_FAILED, "OrderFailed", order, failed.reason());
      case OrderEvent.Cancelled cancelled -> status(ORDER_CANCELLED, "OrderCancelled", order, null);
      case OrderEvent.Refunded refunded -> status(ORDER_REFUNDED, "OrderRefunded", order, null);
    };
  }

  private static OrderCreated created(OrderEvent.Placed placed) {
    var order = placed.order();
    var payload =
        OrderCreated.newBuilder()
            .setOrderId(order.id().toString())
            .setUserId(order.userId().toString())
            .setTotal(EventMoney.of(order.total()))
            .setShippingAddress(placed.shippingAddress());
    placed
        .lines()
        .forEach(
            line ->
                payload.addLines(
                    OrderLine.newBuilder()
                        .setProductId(line.productId().toString())
                        .setName(line.name())
                        .setQuantity(line.quantity())
                        .setUnitPrice(EventMoney.of(line.unitPrice()))));
    return payload.build();
  }

  private static Serialized status(String topic, String type, OrderFacts order, String reason) {
    var payload =
        OrderStatusChanged.newBuilder()
            .setOrderId(order.id().toString())
            .setUserId(order.userId().toString())
            .setOrderStatus(toEvent(order.status()))
            .setStatus(order.status().name()) // for consumers built before order_status
            .setTotal(EventMoney.of(order.total()));
    if (reason != null) {
      payload.setFailureReason(reason);
    }
    return new Serialized(topic, type, payload.build().toByteArray());
  }

  private static OrderStatusChanged.Status toEvent(OrderStatus status) {
    return switch (status) {
      case PENDING -> OrderStatusChanged.Status.STATUS_PENDING;
      case PAID -> OrderStatusChanged.Status.STATUS_PAID;
      case FAILED -> OrderStatusChanged.Status.STATUS_FAILED;
      case CANCELLED -> OrderStatusChanged.Status.STATUS_CANCELLED;
      case REFUNDED -> OrderStatusChanged.Status.STATUS_REFUNDED;
    };
  }
}
