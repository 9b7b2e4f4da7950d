package orderpay.adapters.grpc.inventory;

import static orderpay.adapters.grpc.StreamReplies.reply;

import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;
import java.util.function.Function;
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
import orderpay.domain.inventory.CommitStock;
import orderpay.domain.inventory.ReleaseStock;
import orderpay.domain.inventory.ReserveStock;
import orderpay.domain.inventory.SetStock;
import orderpay.domain.inventory.StockItem;
import orderpay.domain.inventory.StockQueries;
import orderpay.domain.shared.OrderId;

/** The inventory's gRPC API: each method hands its request to one use case. */
public record InventoryGrpcService(
    StockQueries queries,
    ReserveStock reserveStock,
    ReleaseStock releaseStock,
    CommitStock commitStock,
    SetStock setStock)
    implements InventoryServiceGrpc.AsyncService, BindableService {
  @Override
  public void checkStock(CheckStockRequest request, StreamObserver<CheckStockResponse> response) {
    var availability = queries.check(InventoryMessages.toDomain(request.getLinesList()));
    var reply = CheckStockResponse.newBuilder().setAllAvailable(availability.allAvailable());
    availability.levels().forEach(level -> reply.addLevels(toProto(level)));
    reply(response, reply.build());
  }

  @Override
  public void reserveStock(ReserveStockRequest request, StreamObserver<Reservation> response) {
    replyWithReservation(
        request.getOrderId(),
        orderId ->
            reserveStock.reserve(orderId, InventoryMessages.toDomain(request.getLinesList())),
        response);
  }

  @Override
  public void releaseReservation(ReservationRequest request, StreamObserver<Reservation> response) {
    replyWithReservation(request.getOrderId(), releaseStock::release, response);
  }

  @Override
  public void commitReservation(ReservationRequest request, StreamObserver<Reservation> response) {
    replyWithReservation(request.getOrderId(), commitStock::commit, response);
  }

  @Override
  public void updateStock(UpdateStockRequest request, StreamObserver<StockLevel> response) {
    reply(
        response,
        toProto(setStock.set(ProductId.parse(request.getProductId()), request.getOnHand())));
  }

  @Override
  public void getStock(GetStockRequest request, StreamObserver<StockLevel> response) {
    reply(response, toProto(queries.get(ProductId.parse(request.getProductId()))));
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
    queries
        .reservationStatuses(ids)
        .forEach(
            (orderId, status) ->
                reply.addReservations(
                    ReservationStatusOfOrder.newBuilder()
                        .setOrderId(orderId.toString())
                        .setStatus(InventoryMessages.toProto(status))));
    reply(response, reply.build());
  }

  /** Answers with the reservation of the order {@code orderId} names, as {@code action} left it. */
  private static void replyWithReservation(
      String orderId,
      Function<OrderId, orderpay.domain.inventory.Reservation> action,
      StreamObserver<Reservation> response) {
    reply(response, InventoryMessages.toProto(action.apply(OrderId.parse(orderId))));
  }

  static StockLevel toProto(StockItem item) {
    return StockLevel.newBuilder()
        .setProductId(item.productId().toString())
        .setOnHand(item.onHand())
        .setReserved(item.reserved())
        .setAvailable(item.available())
        .build();
  }

  /** What {@code InventoryServiceImplBase} would do: the generated binding of these methods. */
  @Override
  public ServerServiceDefinition bindService() {
    return InventoryServiceGrpc.bindService(this);
  }
}
