package orderpay.adapters.grpc.inventory;

import static orderpay.adapters.grpc.StreamReplies.reply;

import io.grpc.stub.StreamObserver;
import orderpay.contracts.inventory.v1.CheckStockRequest;
import orderpay.contracts.inventory.v1.CheckStockResponse;
import orderpay.contracts.inventory.v1.GetReservationStatusesRequest;
import orderpay.contracts.inventory.v1.GetReservationStatusesResponse;
import orderpay.contracts.inventory.v1.GetStockRequest;
import orderpay.contracts.inventory.v1.InventoryServiceGrpc;
import orderpay.contracts.inventory.v1.Reservation;
import orderpay.contracts.inventory.v1.ReservationRequest;
import orderpay.contracts.inventory.v1.ReservationStatusOfOrder;
import orderpay.contracts.inventory.v1.ReserveStockRequest;
import orderpay.contracts.inventory.v1.StockLevel;
import orderpay.contracts.inventory.v1.UpdateStockRequest;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.inventory.Inventory;
import orderpay.domain.inventory.StockItem;
import orderpay.domain.shared.OrderId;

public final class InventoryGrpcService extends InventoryServiceGrpc.InventoryServiceImplBase {
  private final Inventory inventory;

  public InventoryGrpcService(Inventory inventory) {
    this.inventory = inventory;
  }

  @Override
  public void checkStock(CheckStockRequest request, StreamObserver<CheckStockResponse> response) {
    var availability = inventory.check(InventoryMessages.toDomain(request.getLinesList()));
    var reply = CheckStockResponse.newBuilder().setAllAvailable(availability.allAvailable());
    availability.levels().forEach(level -> reply.addLevels(toProto(level)));
    reply(response, reply.build());
  }

  @Override
  public void reserveStock(ReserveStockRequest request, StreamObserver<Reservation> response) {
    reply(
        response,
        InventoryMessages.toProto(
            inventory.reserve(
                OrderId.parse(request.getOrderId()),
                InventoryMessages.toDomain(request.getLinesList()))));
  }

  @Override
  public void releaseReservation(ReservationRequest request, StreamObserver<Reservation> response) {
    reply(
        response,
        InventoryMessages.toProto(inventory.release(OrderId.parse(request.getOrderId()))));
  }

  @Override
  public void commitReservation(ReservationRequest request, StreamObserver<Reservation> response) {
    reply(
        response, InventoryMessages.toProto(inventory.commit(OrderId.parse(request.getOrderId()))));
  }

  @Override
  public void updateStock(UpdateStockRequest request, StreamObserver<StockLevel> response) {
    reply(
        response,
        toProto(inventory.setStock(ProductId.parse(request.getProductId()), request.getOnHand())));
  }

  @Override
  public void getStock(GetStockRequest request, StreamObserver<StockLevel> response) {
    reply(response, toProto(inventory.get(ProductId.parse(request.getProductId()))));
  }

  /** Admin only: the service runs this method behind an admin check of the forwarded token. */
  @Override
  public void getReservationStatuses(
      GetReservationStatusesRequest request,
      StreamObserver<GetReservationStatusesResponse> response) {
    // an id that is no UUID names no order: nothing to find
    var ids =
        request.getOrderIdsList().stream()
            .map(OrderId::tryParse)
            .flatMap(java.util.Optional::stream)
            .toList();
    var reply = GetReservationStatusesResponse.newBuilder();
    inventory
        .reservationStatuses(ids)
        .forEach(
            (orderId, status) ->
                reply.addReservations(
                    ReservationStatusOfOrder.newBuilder()
                        .setOrderId(orderId.toString())
                        .setStatus(InventoryMessages.toProto(status))));
    reply(response, reply.build());
  }

  static StockLevel toProto(StockItem item) {
    return StockLevel.newBuilder()
        .setProductId(item.productId().toString())
        .setOnHand(item.onHand())
        .setReserved(item.reserved())
        .setAvailable(item.available())
        .build();
  }
}
