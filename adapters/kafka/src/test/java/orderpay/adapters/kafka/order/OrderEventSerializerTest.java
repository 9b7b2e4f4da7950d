package orderpay.adapters.kafka.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import orderpay.contracts.events.v1.OrderStatusChanged;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.money.Money;
import orderpay.domain.order.Order;
import orderpay.domain.order.OrderEvent;
import orderpay.domain.order.OrderLine;
import orderpay.domain.order.OrderStatus;
import orderpay.domain.order.SagaStep;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.UserId;
import org.junit.jupiter.api.Test;

/** An order's outcome carries its status as the enum and as the old string, for either consumer. */
class OrderEventSerializerTest {
  private final Instant at = Instant.parse("2026-12-03T10:00:00Z");

  @Test
  void anOutcomeCarriesTheStatusAsTheEnumAndAsTheOldString() throws Exception {
    var serialized =
        new OrderEventSerializer()
            .serialize(new OrderEvent.Refunded(order(OrderStatus.REFUNDED), at));

    assertThat(serialized.topic()).isEqualTo(orderpay.adapters.kafka.KafkaTopics.ORDER_REFUNDED);
    var event = OrderStatusChanged.parseFrom(serialized.payload());
    assertThat(event.getOrderStatus()).isEqualTo(OrderStatusChanged.Status.STATUS_REFUNDED);
    assertThat(event.getStatus()).isEqualTo("REFUNDED"); // what older consumers read
  }

  @Test
  void everyOrderStatusHasItsEnumValueOfTheSameName() throws Exception {
    for (var status : OrderStatus.values()) {
      var serialized =
          new OrderEventSerializer().serialize(new OrderEvent.Cancelled(order(status), at));
      var event = OrderStatusChanged.parseFrom(serialized.payload());
      assertThat(event.getOrderStatus().name()).isEqualTo("STATUS_" + status.name());
      assertThat(event.getStatus()).isEqualTo(status.name());
    }
  }

  private Order order(OrderStatus status) {
    return Order.restore(
        new Order.Snapshot(
            new OrderId(UUID.randomUUID()),
            new UserId(UUID.randomUUID()),
            null,
            List.of(
                new OrderLine(
                    new ProductId(UUID.randomUUID()), "Kettle", 1, Money.of(2999, "EUR"))),
            "1 Main St",
            null,
            status,
            SagaStep.ACCEPTED,
            null,
            null,
            at,
            at));
  }
}
