package orderpay.adapters.kafka;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.util.Map;
import java.util.Optional;
import orderpay.adapters.kafka.catalog.ProductEventSerializer;
import orderpay.adapters.kafka.inventory.InventoryEventSerializer;
import orderpay.adapters.kafka.order.OrderEventSerializer;
import orderpay.adapters.kafka.payment.PaymentEventSerializer;
import orderpay.adapters.kafka.user.UserEventSerializer;
import orderpay.contracts.events.v1.CommitRefused;
import orderpay.contracts.events.v1.OrderCreated;
import orderpay.contracts.events.v1.OrderStatusChanged;
import orderpay.contracts.events.v1.PaymentStatusUpdated;
import orderpay.contracts.events.v1.ProductChanged;
import orderpay.contracts.events.v1.ReservationExpired;
import orderpay.contracts.events.v1.UserRegistered;

/** Reads an event topic's protobuf payload as JSON, for people (the operator console). */
public final class EventPayloads {
  /** The payload type of each of {@link KafkaTopics#EVENTS}, as events.proto names them. */
  static final Map<String, Message> TYPES =
      Map.of(
          UserEventSerializer.USER_REGISTERED, UserRegistered.getDefaultInstance(),
          ProductEventSerializer.PRODUCT_CHANGED, ProductChanged.getDefaultInstance(),
          OrderEventSerializer.ORDER_CREATED, OrderCreated.getDefaultInstance(),
          OrderEventSerializer.ORDER_PAID, OrderStatusChanged.getDefaultInstance(),
          OrderEventSerializer.ORDER_FAILED, OrderStatusChanged.getDefaultInstance(),
          OrderEventSerializer.ORDER_CANCELLED, OrderStatusChanged.getDefaultInstance(),
          OrderEventSerializer.ORDER_REFUNDED, OrderStatusChanged.getDefaultInstance(),
          PaymentEventSerializer.PAYMENT_STATUS_UPDATED, PaymentStatusUpdated.getDefaultInstance(),
          InventoryEventSerializer.RESERVATION_EXPIRED, ReservationExpired.getDefaultInstance(),
          InventoryEventSerializer.COMMIT_REFUSED, CommitRefused.getDefaultInstance());

  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer()
          .preservingProtoFieldNames()
          .alwaysPrintFieldsWithNoPresence()
          .omittingInsignificantWhitespace();

  private EventPayloads() {}

  /**
   * The payload of an event of {@code topic} (without the environment's prefix) as JSON; empty if
   * the topic is not ours or the bytes are no such message (often why it was parked).
   */
  public static Optional<String> json(String topic, byte[] payload) {
    var type = TYPES.get(topic);
    if (type == null || payload == null) {
      return Optional.empty();
    }
    try {
      var message = type.getParserForType().parseFrom(payload);
      if (!message.getUnknownFields().asMap().isEmpty()) {
        return Optional.empty(); // bytes of another message or none: not this event
      }
      return Optional.of(PRINTER.print(message));
    } catch (InvalidProtocolBufferException unreadable) {
      return Optional.empty();
    }
  }
}
