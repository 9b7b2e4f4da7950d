package orderpay.adapters.rest;

import io.grpc.CallCredentials;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import orderpay.adapters.grpc.ProtoMoney;
import orderpay.adapters.grpc.ProtoTime;
import orderpay.adapters.grpc.inventory.InventoryMessages;
import orderpay.adapters.grpc.order.OrderMessages;
import orderpay.adapters.grpc.payment.PaymentMessages;
import orderpay.contracts.inventory.v1.GetReservationStatusesRequest;
import orderpay.contracts.inventory.v1.InventoryServiceGrpc;
import orderpay.contracts.order.v1.GetOrderSummariesRequest;
import orderpay.contracts.order.v1.OrderServiceGrpc;
import orderpay.contracts.payment.v1.ListIntentsAndPaymentsRequest;
import orderpay.contracts.payment.v1.PaymentServiceGrpc;
import orderpay.domain.reconciliation.ProviderIntent;
import orderpay.domain.reconciliation.Reconciliation;
import orderpay.domain.reconciliation.RecordedOrder;
import orderpay.domain.reconciliation.RecordedPayment;
import orderpay.domain.reconciliation.StockHold;

/**
 * The reconciliation report (admin): every Stripe intent of the last {@code days} days against our
 * payments, orders and stock holds, with the differences. The gateway gathers the three sides over
 * gRPC, each service checking the admin's forwarded token itself (the payment service lists
 * Stripe), and the domain's {@link Reconciliation} compares them.
 */
public record AdminReconciliationRoutes(
    PaymentServiceGrpc.PaymentServiceBlockingStub payments,
    OrderServiceGrpc.OrderServiceBlockingStub orders,
    InventoryServiceGrpc.InventoryServiceBlockingStub inventory,
    Authenticator auth,
    Clock clock) {
  static final String PATH = "/api/v1/admin/reconciliation";
  static final int DEFAULT_DAYS = 7;
  static final int MAX_DAYS = 90;

  public List<Route> routes() {
    return List.of(Route.get(PATH, this::report));
  }

  private void report(Context ctx) {
    var admin = auth.requireAdminForwarding(ctx);
    int days = days(ctx);
    Instant to = clock.instant();
    Instant from = to.minus(Duration.ofDays(days));
    var credentials = admin.forwarded();

    var intents = new ArrayList<ProviderIntent>();
    var recordedPayments = new ArrayList<RecordedPayment>();
    payments
        .withCallCredentials(credentials)
        .listIntentsAndPayments(
            ListIntentsAndPaymentsRequest.newBuilder().setCreatedFrom(ProtoTime.of(from)).build())
        .forEachRemaining(
            chunk -> {
              chunk.getIntentsList().forEach(intent -> intents.add(intent(intent)));
              chunk.getPaymentsList().forEach(payment -> recordedPayments.add(payment(payment)));
            });
    var recordedOrders = orders(credentials, from, intents, recordedPayments);
    var holds = holds(credentials, recordedOrders);

    var report = Reconciliation.compare(intents, recordedPayments, recordedOrders, holds);
    Json.respond(ctx, 200, ReconciliationJson.report(from, to, report));
  }

  /** The orders the intents and payments name, and every order of the window. */
  private List<RecordedOrder> orders(
      CallCredentials admin,
      Instant from,
      List<ProviderIntent> intents,
      List<RecordedPayment> recordedPayments) {
    var ids = new LinkedHashSet<String>();
    intents.stream().map(ProviderIntent::orderId).filter(id -> id != null).forEach(ids::add);
    recordedPayments.forEach(payment -> ids.add(payment.orderId()));
    var found = new ArrayList<RecordedOrder>();
    orders
        .withCallCredentials(admin)
        .getOrderSummaries(
            GetOrderSummariesRequest.newBuilder()
                .addAllIds(ids)
                .setCreatedFrom(ProtoTime.of(from))
                .build())
        .forEachRemaining(
            chunk ->
                chunk
                    .getOrdersList()
                    .forEach(
                        order ->
                            found.add(
                                new RecordedOrder(
                                    order.getId(),
                                    OrderMessages.toDomain(order.getStatus()),
                                    ProtoMoney.required(
                                        order.hasTotal(), order.getTotal(), "total")))));
    return found;
  }

  private List<StockHold> holds(CallCredentials admin, List<RecordedOrder> recordedOrders) {
    if (recordedOrders.isEmpty()) {
      return List.of();
    }
    return inventory
        .withCallCredentials(admin)
        .getReservationStatuses(
            GetReservationStatusesRequest.newBuilder()
                .addAllOrderIds(recordedOrders.stream().map(RecordedOrder::id).toList())
                .build())
        .getReservationsList()
        .stream()
        .map(held -> new StockHold(held.getOrderId(), InventoryMessages.toDomain(held.getStatus())))
        .toList();
  }

  private static ProviderIntent intent(orderpay.contracts.payment.v1.ProviderIntent intent) {
    return new ProviderIntent(
        intent.getProviderPaymentId(),
        intent.getOrderId().isEmpty() ? null : intent.getOrderId(),
        intent.getProviderStatus(),
        ProtoMoney.required(intent.hasAmount(), intent.getAmount(), "amount"),
        intent.getAmountRefundedMinor());
  }

  private static RecordedPayment payment(orderpay.contracts.payment.v1.Payment payment) {
    return new RecordedPayment(
        payment.getId(),
        payment.getOrderId(),
        payment.getProviderPaymentId().isEmpty() ? null : payment.getProviderPaymentId(),
        PaymentMessages.toDomain(payment.getStatus()));
  }

  /** {@code days}: 1 to 90, 7 when absent. */
  static int days(Context ctx) {
    String raw = ctx.queryParam("days");
    if (raw == null || raw.isBlank()) {
      return DEFAULT_DAYS;
    }
    try {
      int days = Integer.parseInt(raw.strip());
      if (days >= 1 && days <= MAX_DAYS) {
        return days;
      }
    } catch (NumberFormatException notANumber) {
      // answered below, as a number out of range is
    }
    throw ApiError.invalidField("days", "days must be a whole number from 1 to " + MAX_DAYS);
  }
}
