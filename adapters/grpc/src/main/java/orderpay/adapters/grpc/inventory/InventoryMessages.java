package orderpay.adapters.grpc.inventory;

import java.util.List;
import orderpay.adapters.grpc.ProtoTime;
import orderpay.contracts.inventory.v1.Reservation;
import orderpay.contracts.inventory.v1.ReservationLine;
import orderpay.contracts.inventory.v1.ReservationStatus;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.shared.OrderId;

/**
 * The one mapping of inventory_service.proto's {@code Reservation} and {@code ReservationStatus},
 * for the inventory service that writes them and for the callers that read them (the order
 * service's saga, the gateway's reconciliation report). Enums map by exhaustive switches.
 */
public final class InventoryMessages {
  private InventoryMessages() {}

  public static Reservation toProto(orderpay.domain.inventory.Reservation reservation) {
    var proto =
        Reservation.newBuilder()
            .setOrderId(reservation.orderId().toString())
            .setStatus(toProto(reservation.status()))
            .setExpiresAt(ProtoTime.of(reservation.expiresAt()));
    reservation.lines().forEach(line -> proto.addLines(toProto(line)));
    return proto.build();
  }

  public static orderpay.domain.inventory.Reservation toDomain(Reservation proto) {
    return new orderpay.domain.inventory.Reservation(
        OrderId.parse(proto.getOrderId()),
        toDomain(proto.getLinesList()),
        toDomain(proto.getStatus()),
        ProtoTime.toInstant(proto.getExpiresAt()));
  }

  public static ReservationLine toProto(orderpay.domain.inventory.ReservationLine line) {
    return ReservationLine.newBuilder()
        .setProductId(line.productId().toString())
        .setQuantity(line.quantity())
        .build();
  }

  public static List<orderpay.domain.inventory.ReservationLine> toDomain(
      List<ReservationLine> lines) {
    return lines.stream()
        .map(
            line ->
                new orderpay.domain.inventory.ReservationLine(
                    ProductId.parse(line.getProductId()), line.getQuantity()))
        .toList();
  }

  public static ReservationStatus toProto(orderpay.domain.inventory.ReservationStatus status) {
    return switch (status) {
      case RESERVED -> ReservationStatus.RESERVATION_STATUS_RESERVED;
      case COMMITTED -> ReservationStatus.RESERVATION_STATUS_COMMITTED;
      case RELEASED -> ReservationStatus.RESERVATION_STATUS_RELEASED;
      case EXPIRED -> ReservationStatus.RESERVATION_STATUS_EXPIRED;
      case RETURNED -> ReservationStatus.RESERVATION_STATUS_RETURNED;
    };
  }

  /** The inventory service always sets a status: unset or unknown (a newer service) is refused. */
  public static orderpay.domain.inventory.ReservationStatus toDomain(ReservationStatus status) {
    return switch (status) {
      case RESERVATION_STATUS_RESERVED -> orderpay.domain.inventory.ReservationStatus.RESERVED;
      case RESERVATION_STATUS_COMMITTED -> orderpay.domain.inventory.ReservationStatus.COMMITTED;
      case RESERVATION_STATUS_RELEASED -> orderpay.domain.inventory.ReservationStatus.RELEASED;
      case RESERVATION_STATUS_EXPIRED -> orderpay.domain.inventory.ReservationStatus.EXPIRED;
      case RESERVATION_STATUS_RETURNED -> orderpay.domain.inventory.ReservationStatus.RETURNED;
      case RESERVATION_STATUS_UNSPECIFIED, UNRECOGNIZED ->
          throw new IllegalArgumentException(
              "a reservation message carries no known status: " + status);
    };
  }
}
