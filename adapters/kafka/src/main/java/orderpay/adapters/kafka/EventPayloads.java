package orderpay.adapters.kafka;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.util.Map;
import java.util.Optional;
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
          KafkaTopics.USER_REGISTERED, UserRegistered.getDefaultInstance(),
          KafkaTopics.PRODUCT_CHANGED, ProductChanged.getDefaultInstance(),
          KafkaTopics.ORDER_CREATED, OrderCreated.getDefaultInstance(),
          KafkaTopics.ORDER_PAID, OrderStatusChanged.getDefaultInstance(),
          KafkaTopics.ORDER_FAILED, OrderStatusChanged.getDefaultInstance(),
          KafkaTopics.ORDER_CANCELLED, OrderStatusChanged.getDefaultInstance(),
          KafkaTopics.ORDER_REFUNDED, OrderStatusChanged.getDefaultInstance(),
          KafkaTopics.PAYMENT_STATUS_UPDATED, PaymentStatusUpdated.getDefaultInstance(),
          KafkaTopics.RESERVATION_EXPIRED, ReservationExpired.getDefaultInstance(),
          KafkaTopics.COMMIT_REFUSED, CommitRefused.getDefaultInstance());

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
