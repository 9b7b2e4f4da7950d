package orderpay.adapters.kafka.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import orderpay.adapters.kafka.KafkaTopics;
import orderpay.adapters.postgres.messaging.EventSerializer.Serialized;
import orderpay.contracts.common.v1.Money;
import orderpay.contracts.events.v1.OrderCreated;
import orderpay.contracts.events.v1.OrderStatusChanged;
import orderpay.contracts.events.v1.OrderStatusChanged.Status;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.order.Order;
import orderpay.domain.order.OrderEvent;
import orderpay.domain.order.OrderLine;
import orderpay.domain.order.OrderPayment;
import orderpay.domain.order.OrderStatus;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.UserId;
import org.junit.jupiter.api.Test;

/**
 * An order's events on the wire: every field of each payload, byte for byte, as written from the
 * event alone; an outcome carries its status as the enum and as the old string, for either
 * consumer.
 */
class OrderEventSerializerTest {
  private final Instant at = Instant.parse("2026-12-03T10:00:00Z");
  private final Clock clock = Clock.fixed(at, ZoneOffset.UTC);
  private final OrderEventSerializer serializer = new OrderEventSerializer();
  private final UserId buyer = new UserId(UUID.fromString("0193a1b2-0000-7000-8000-00000000b0b0"));
  private final ProductId kettle =
      new ProductId(UUID.fromString("0193a1b2-0000-7000-8000-0000000000a1"));
  private final ProductId mug =
      new ProductId(UUID.fromString("0193a1b2-0000-7000-8000-0000000000a2"));

  @Test
  void anOutcomeCarriesTheStatusAsTheEnumAndAsTheOldString() throws Exception {
    var serialized = serializer.serialize(new OrderEvent.Refunded(facts(OrderStatus.REFUNDED), at));

    assertThat(serialized.topic()).isEqualTo(KafkaTopics.ORDER_REFUNDED);
    var event = OrderStatusChanged.parseFrom(serialized.payload());
    assertThat(event.getOrderStatus()).isEqualTo(OrderStatusChanged.Status.STATUS_REFUNDED);
    assertThat(event.getStatus()).isEqualTo("REFUNDED"); // what older consumers read
  }

  @Test
  void everyOrderStatusHasItsEnumValueOfTheSameName() throws Exception {
    for (var status : OrderStatus.values()) {
      var serialized = serializer.serialize(new OrderEvent.Cancelled(facts(status), at));
      var event = OrderStatusChanged.parseFrom(serialized.payload());
      assertThat(event.getOrderStatus().name()).isEqualTo("STATUS_" + status.name());
      assertThat(event.getStatus()).isEqualTo(status.name());
    }
  }

  @Test
  void anAcceptedOrderIsAnnouncedWithItsLinesTotalAndAddress() {
    var order = accepted(1);

    var placed = serializer.serialize(order.drainEvents().getFirst());

    assertThat(placed.topic()).isEqualTo(KafkaTopics.ORDER_CREATED);
    assertThat(placed.eventType()).isEqualTo("OrderCreated");
    assertThat(placed.payload())
        .isEqualTo(
            OrderCreated.newBuilder()
                .setOrderId(order.id().toString())
                .setUserId(buyer.toString())
                .addLines(line(kettle, "Kettle", 1, 2999))
                .addLines(line(mug, "Mug", 2, 850))
                .setTotal(eur(4699))
                .setShippingAddress("1 Main St")
                .build()
                .toByteArray());
  }

  @Test
  void eachOutcomeCarriesTheOrderItsStatusAndItsTotal() {
    var paid = accepted(1);
    paid.markPaid(clock);
    assertOutcome(paid, KafkaTopics.ORDER_PAID, "OrderPaid", Status.STATUS_PAID, "PAID", null);
    paid.refund(clock);
    assertOutcome(
        paid,
        KafkaTopics.ORDER_REFUNDED,
        "OrderRefunded",
        Status.STATUS_REFUNDED,
        "REFUNDED",
        null);

    var failed = accepted(2);
    failed.markFailed("card_declined", clock);
    assertOutcome(
        failed,
        KafkaTopics.ORDER_FAILED,
        "OrderFailed",
        Status.STATUS_FAILED,
        "FAILED",
        "card_declined");

    var cancelled = accepted(3);
    cancelled.cancel(clock);
    assertOutcome(
        cancelled,
        KafkaTopics.ORDER_CANCELLED,
        "OrderCancelled",
        Status.STATUS_CANCELLED,
        "CANCELLED",
        null);

    var outOfStock = accepted(4);
    outOfStock.markPaid(clock);
    outOfStock.drainEvents();
    outOfStock.refund("out_of_stock", clock); // the order keeps the reason; order.refunded has none
    assertOutcome(
        outOfStock,
        KafkaTopics.ORDER_REFUNDED,
        "OrderRefunded",
        Status.STATUS_REFUNDED,
        "REFUNDED",
        null);
  }

  @Test
  void anEventTellsTheOrderAsItsTransitionLeftItNotAsItIsWhenPublished() throws Exception {
    var order = accepted(1);
    order.markPaid(clock);
    var paid = order.drainEvents().getLast();
    order.refund(clock); // moved on before the paid event is written

    var event = OrderStatusChanged.parseFrom(serializer.serialize(paid).payload());

    assertThat(event.getOrderStatus()).isEqualTo(OrderStatusChanged.Status.STATUS_PAID);
    assertThat(event.getStatus()).isEqualTo("PAID");
  }

  /** The last event the order recorded is the outcome, with exactly these fields. */
  private void assertOutcome(
      Order order, String topic, String type, Status status, String oldStatus, String reason) {
    Serialized serialized = serializer.serialize(order.drainEvents().getLast());
    var expected =
        OrderStatusChanged.newBuilder()
            .setOrderId(order.id().toString())
            .setUserId(buyer.toString())
            .setStatus(oldStatus)
            .setTotal(eur(4699))
            .setOrderStatus(status);
    if (reason != null) {
      expected.setFailureReason(reason);
    }
    assertThat(serialized.topic()).isEqualTo(topic);
    assertThat(serialized.eventType()).isEqualTo(type);
    assertThat(serialized.payload()).isEqualTo(expected.build().toByteArray());
  }

  /** Placed, reserved and accepted, as the saga leaves it; its order.created not yet drained. */
  private Order accepted(int n) {
    var order =
        Order.place(
            new OrderId(UUID.fromString("0193a1b2-0000-7000-8000-00000000000" + n)),
            buyer,
            "key-" + n,
            List.of(
                new OrderLine(kettle, "Kettle", 1, orderpay.domain.money.Money.of(2999, "EUR")),
                new OrderLine(mug, "Mug", 2, orderpay.domain.money.Money.of(850, "EUR"))),
            "1 Main St",
            "pm_card_visa",
            clock);
    order.stockReserved(clock);
    order.accept(new OrderPayment("pay-" + n, "PENDING", "stripe", "pi_" + n, "secret"), clock);
    return order;
  }

  private OrderEvent.OrderFacts facts(OrderStatus status) {
    return new OrderEvent.OrderFacts(
        new OrderId(UUID.randomUUID()),
        new UserId(UUID.randomUUID()),
        status,
        orderpay.domain.money.Money.of(2999, "EUR"),
        at);
  }

  private static orderpay.contracts.events.v1.OrderLine line(
      ProductId product, String name, long quantity, long unitPriceMinor) {
    return orderpay.contracts.events.v1.OrderLine.newBuilder()
        .setProductId(product.toString())
        .setName(name)
        .setQuantity(quantity)
        .setUnitPrice(eur(unitPriceMinor))
        .build();
  }

  private static Money eur(long minor) {
    return Money.newBuilder().setAmountMinor(minor).setCurrency("EUR").build();
  }
}
