package orderpay.adapters.grpc.order;

import orderpay.adapters.grpc.ProtoMoney;
import orderpay.adapters.grpc.ProtoTime;
import orderpay.contracts.order.v1.Order;
import orderpay.contracts.order.v1.OrderItem;
import orderpay.contracts.order.v1.OrderPayment;
import orderpay.contracts.order.v1.OrderStatus;

/**
 * The one mapping of order_service.proto's {@code Order} and {@code OrderStatus}, for the order
 * service that writes them and for the gateway that reads them. Enums map by exhaustive switches.
 */
public final class OrderMessages {
  private OrderMessages() {}

  public static Order toProto(orderpay.domain.order.Order order) {
    var proto =
        Order.newBuilder()
            .setId(order.id().toString())
            .setUserId(order.userId().toString())
            .setStatus(toProto(order.status()))
            .setTotal(ProtoMoney.of(order.total()))
            .setShippingAddress(order.shippingAddress())
            .setCreatedAt(ProtoTime.of(order.createdAt()))
            .setUpdatedAt(ProtoTime.of(order.updatedAt()));
    if (order.failureReason() != null) {
      proto.setFailureReason(order.failureReason());
    }
    order
        .lines()
        .forEach(
            line ->
                proto.addItems(
                    OrderItem.newBuilder()
                        .setProductId(line.productId().toString())
                        .setName(line.name())
                        .setQuantity(line.quantity())
                        .setUnitPrice(ProtoMoney.of(line.unitPrice()))
                        .setLineTotal(ProtoMoney.of(line.lineTotal()))));
    order
        .payment()
        .ifPresent(
            payment -> {
              var p =
                  OrderPayment.newBuilder()
                      .setId(payment.id())
                      .setStatus(payment.status())
                      .setProvider(payment.provider());
              if (payment.providerPaymentId() != null) {
                p.setProviderPaymentId(payment.providerPaymentId());
              }
              if (payment.clientSecret() != null) {
                p.setClientSecret(payment.clientSecret());
              }
              proto.setPayment(p);
            });
    return proto.build();
  }

  public static OrderStatus toProto(orderpay.domain.order.OrderStatus status) {
    return switch (status) {
      case PENDING -> OrderStatus.ORDER_STATUS_PENDING;
      case PAID -> OrderStatus.ORDER_STATUS_PAID;
      case FAILED -> OrderStatus.ORDER_STATUS_FAILED;
      case CANCELLED -> OrderStatus.ORDER_STATUS_CANCELLED;
      case REFUNDED -> OrderStatus.ORDER_STATUS_REFUNDED;
    };
  }

  /**
   * An order status from the wire. Where unset means something (no filter in a listing) the caller
   * asks {@code ORDER_STATUS_UNSPECIFIED} first; here unset or unknown is refused.
   */
  public static orderpay.domain.order.OrderStatus toDomain(OrderStatus status) {
    return switch (status) {
      case ORDER_STATUS_PENDING -> orderpay.domain.order.OrderStatus.PENDING;
      case ORDER_STATUS_PAID -> orderpay.domain.order.OrderStatus.PAID;
      case ORDER_STATUS_FAILED -> orderpay.domain.order.OrderStatus.FAILED;
      case ORDER_STATUS_CANCELLED -> orderpay.domain.order.OrderStatus.CANCELLED;
      case ORDER_STATUS_REFUNDED -> orderpay.domain.order.OrderStatus.REFUNDED;
      case ORDER_STATUS_UNSPECIFIED, UNRECOGNIZED ->
          throw new IllegalArgumentException("an order message carries no known status: " + status);
    };
  }

  /** The status as the public API spells it ("PAID"): the domain's name for it. */
  public static String statusName(OrderStatus status) {
    return toDomain(status).name();
  }
}
