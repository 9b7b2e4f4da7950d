package orderpay.adapters.grpc.order;

import static orderpay.adapters.grpc.StreamReplies.reply;

import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiFunction;
import orderpay.adapters.grpc.ProtoMoney;
import orderpay.adapters.grpc.ProtoTime;
import orderpay.adapters.grpc.auth.UserCheck;
import orderpay.contracts.order.v1.CancelOrderRequest;
import orderpay.contracts.order.v1.CreateOrderRequest;
import orderpay.contracts.order.v1.GetOrderHistoryRequest;
import orderpay.contracts.order.v1.GetOrderRequest;
import orderpay.contracts.order.v1.GetOrderSummariesRequest;
import orderpay.contracts.order.v1.GetOrderSummariesResponse;
import orderpay.contracts.order.v1.GetOrderThroughputRequest;
import orderpay.contracts.order.v1.ListOrdersRequest;
import orderpay.contracts.order.v1.ListOrdersResponse;
import orderpay.contracts.order.v1.Order;
import orderpay.contracts.order.v1.OrderHistory;
import orderpay.contracts.order.v1.OrderHistoryEntry;
import orderpay.contracts.order.v1.OrderServiceGrpc;
import orderpay.contracts.order.v1.OrderSummary;
import orderpay.contracts.order.v1.OrderThroughput;
import orderpay.contracts.order.v1.OrderThroughputMinute;
import orderpay.contracts.order.v1.RetryOrderRequest;
import orderpay.domain.order.CancelOrder;
import orderpay.domain.order.OrderFilter;
import orderpay.domain.order.OrderQueries;
import orderpay.domain.order.PlaceOrder;
import orderpay.domain.order.RecoverOrders;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.Reader;
import orderpay.domain.user.UserId;

/**
 * Serves a customer's orders, and an admin's view of everyone's; install behind {@link UserCheck},
 * which proves who the caller is. Who may see and do what the domain decides.
 */
public record OrderGrpcService(
    PlaceOrder placeOrder,
    CancelOrder cancelOrder,
    OrderQueries queries,
    RecoverOrders recoverOrders)
    implements OrderServiceGrpc.AsyncService, BindableService {
  /** Order summaries per streamed message: far below gRPC's 4 MiB limit. */
  private static final int SUMMARY_CHUNK = 5000;

  /** An hour of minutes: the console's overview asks for 15. */
  private static final int MAX_THROUGHPUT_MINUTES = 60;

  @Override
  public void createOrder(CreateOrderRequest request, StreamObserver<Order> response) {
    var command =
        new PlaceOrder.Command(
            customer(),
            request.getIdempotencyKey().isEmpty() ? null : request.getIdempotencyKey(),
            request.getItemsList().stream()
                .map(line -> new PlaceOrder.Item(line.getProductId(), line.getQuantity()))
                .toList(),
            request.getShippingAddress(),
            request.getCurrency(),
            request.getPaymentMethod());
    reply(response, OrderMessages.toProto(placeOrder.place(command)));
  }

  @Override
  public void getOrder(GetOrderRequest request, StreamObserver<Order> response) {
    replyWithOrder(request.getId(), queries::get, response);
  }

  @Override
  public void listOrders(ListOrdersRequest request, StreamObserver<ListOrdersResponse> response) {
    var status =
        switch (request.getStatus()) {
          case ORDER_STATUS_UNSPECIFIED -> Optional.<orderpay.domain.order.OrderStatus>empty();
          case ORDER_STATUS_PENDING,
              ORDER_STATUS_PAID,
              ORDER_STATUS_FAILED,
              ORDER_STATUS_CANCELLED,
              ORDER_STATUS_REFUNDED ->
              Optional.of(OrderMessages.toDomain(request.getStatus()));
          // a number this build does not know: the caller's mistake, not ours
          case UNRECOGNIZED ->
              throw DomainException.invalidField("status", "status is no order status");
        };
    var page =
        queries.search(
            request.getEveryCustomer() ? UserCheck.currentReader() : Reader.of(customer(), false),
            filter(request, status),
            request.getPage().getPageSize(),
            request.getPage().getPageToken());
    var reply = ListOrdersResponse.newBuilder().setNextPageToken(page.nextCursor().orElse(""));
    page.items().forEach(order -> reply.addOrders(OrderMessages.toProto(order)));
    reply(response, reply.build());
  }

  private static OrderFilter filter(
      ListOrdersRequest request, Optional<orderpay.domain.order.OrderStatus> status) {
    Optional<UserId> customer = Optional.empty();
    if (!request.getCustomerId().isEmpty()) {
      if (!request.getEveryCustomer()) {
        throw DomainException.invalidField(
            "customer_id", "customer_id filters a listing of every customer's orders only");
      }
      customer = Optional.of(UserId.parse(request.getCustomerId()));
    }
    var minAge =
        request.getOlderThanSeconds() == 0
            ? Optional.<Duration>empty()
            : Optional.of(Duration.ofSeconds(request.getOlderThanSeconds()));
    return new OrderFilter(customer, status, minAge);
  }

  @Override
  public void getOrderHistory(
      GetOrderHistoryRequest request, StreamObserver<OrderHistory> response) {
    var orderId = OrderId.parse(request.getId());
    var reply = OrderHistory.newBuilder().setOrderId(orderId.toString());
    for (var line : queries.history(orderId, UserCheck.currentReader())) {
      var entry =
          OrderHistoryEntry.newBuilder()
              .setSequence(line.sequence())
              .setAt(ProtoTime.of(line.at()))
              .setKind(line.kind().wireName())
              .setDetail(line.detail());
      line.traceParent().ifPresent(entry::setTraceParent);
      reply.addEntries(entry);
    }
    reply(response, reply.build());
  }

  @Override
  public void retryOrder(RetryOrderRequest request, StreamObserver<Order> response) {
    replyWithOrder(request.getId(), recoverOrders::retryNow, response);
  }

  @Override
  public void cancelOrder(CancelOrderRequest request, StreamObserver<Order> response) {
    replyWithOrder(request.getId(), cancelOrder::cancel, response);
  }

  /** Admin only: the service runs this method behind an admin check of the forwarded token. */
  @Override
  public void getOrderSummaries(
      GetOrderSummariesRequest request, StreamObserver<GetOrderSummariesResponse> response) {
    if (!request.hasCreatedFrom()) {
      throw orderpay.domain.shared.DomainException.invalidField(
          "created_from", "created_from is required");
    }
    // an id that is no UUID names no order (e.g. foreign metadata at Stripe): nothing to find
    var ids =
        request.getIdsList().stream().map(OrderId::tryParse).flatMap(Optional::stream).toList();
    var summaries = queries.summaries(ids, ProtoTime.toInstant(request.getCreatedFrom()));
    // streamed in chunks: a long window holds more orders than one message may
    for (int from = 0; from == 0 || from < summaries.size(); from += SUMMARY_CHUNK) {
      var reply = GetOrderSummariesResponse.newBuilder();
      for (var summary :
          summaries.subList(from, Math.min(summaries.size(), from + SUMMARY_CHUNK))) {
        reply.addOrders(
            OrderSummary.newBuilder()
                .setId(summary.id().toString())
                .setStatus(OrderMessages.toProto(summary.status()))
                .setTotal(ProtoMoney.of(summary.total()))
                .setCreatedAt(ProtoTime.of(summary.createdAt())));
      }
      response.onNext(reply.build());
    }
    response.onCompleted();
  }

  /** Admin only (checked by the domain too): orders created, paid and failed per minute. */
  @Override
  public void getOrderThroughput(
      GetOrderThroughputRequest request, StreamObserver<OrderThroughput> response) {
    if (request.getMinutes() < 1 || request.getMinutes() > MAX_THROUGHPUT_MINUTES) {
      throw DomainException.invalidField(
          "minutes", "minutes must be between 1 and " + MAX_THROUGHPUT_MINUTES);
    }
    var reply = OrderThroughput.newBuilder();
    for (var minute : queries.throughput(request.getMinutes(), UserCheck.currentReader())) {
      reply.addMinutes(
          OrderThroughputMinute.newBuilder()
              .setMinute(ProtoTime.of(minute.start()))
              .setCreated(minute.created())
              .setPaid(minute.paid())
              .setFailed(minute.failed()));
    }
    reply(response, reply.build());
  }

  /**
   * Answers with the order {@code id} names, as {@code action} reads or moves it for the caller.
   */
  private static void replyWithOrder(
      String id,
      BiFunction<OrderId, Reader, orderpay.domain.order.Order> action,
      StreamObserver<Order> response) {
    reply(
        response,
        OrderMessages.toProto(action.apply(OrderId.parse(id), UserCheck.currentReader())));
  }

  /** The customer whose verified token came with the call (the service runs behind UserCheck). */
  private static UserId customer() {
    return UserId.parse(UserCheck.currentUser().userId());
  }

  /** What {@code OrderServiceImplBase} would do: the generated binding of these methods. */
  @Override
  public ServerServiceDefinition bindService() {
    return OrderServiceGrpc.bindService(this);
  }
}
