package orderpay.adapters.rest;

import com.google.protobuf.ByteString;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import orderpay.adapters.grpc.ProtoTime;
import orderpay.adapters.grpc.order.OrderMessages;
import orderpay.adapters.grpc.payment.PaymentMessages;
import orderpay.contracts.order.v1.CancelOrderRequest;
import orderpay.contracts.order.v1.CreateOrderRequest;
import orderpay.contracts.order.v1.GetOrderRequest;
import orderpay.contracts.order.v1.ListOrdersRequest;
import orderpay.contracts.order.v1.Order;
import orderpay.contracts.order.v1.OrderServiceGrpc;
import orderpay.contracts.order.v1.OrderStatus;
import orderpay.contracts.payment.v1.CheckPaymentStatusRequest;
import orderpay.contracts.payment.v1.CompleteTestAuthenticationRequest;
import orderpay.contracts.payment.v1.Payment;
import orderpay.contracts.payment.v1.PaymentServiceGrpc;
import orderpay.contracts.payment.v1.StripeWebhookRequest;

/** Orders, their payment, and the Stripe webhook (public: the signature is the authentication). */
public record OrderRoutes(
    OrderServiceGrpc.OrderServiceBlockingStub orders,
    PaymentServiceGrpc.PaymentServiceBlockingStub payments,
    Authenticator auth) {
  /** The domain's limit, checked early too: an oversized body never reaches the order service. */
  private static final int MAX_ITEMS = orderpay.domain.order.Order.MAX_LINES;

  public List<Route> routes() {
    return List.of(
        Route.post("/api/v1/orders", this::create),
        Route.get("/api/v1/orders", this::list),
        Route.get("/api/v1/orders/{id}", this::get),
        Route.post("/api/v1/orders/{id}/cancel", this::cancel),
        Route.get("/api/v1/orders/{id}/payment", this::payment),
        Route.post("/api/v1/orders/{id}/payment/authenticate", this::authenticate),
        Route.post("/api/v1/webhooks/stripe", this::stripeWebhook));
  }

  /** The order service, acting for the customer whose token it verifies itself. */
  private OrderServiceGrpc.OrderServiceBlockingStub ordersFor(Authenticator.Caller caller) {
    return orders.withCallCredentials(caller.forwarded());
  }

  /** The payment service, for the customer's own payment (it checks who the payer is). */
  private PaymentServiceGrpc.PaymentServiceBlockingStub paymentsFor(Authenticator.Caller caller) {
    return payments.withCallCredentials(caller.forwarded());
  }

  private void create(Context ctx) {
    var caller = auth.requireForwarding(ctx);
    var body = JsonBody.of(ctx);
    var request =
        CreateOrderRequest.newBuilder()
            .setShippingAddress(body.requiredString("shipping_address"))
            .setCurrency(body.requiredString("currency"));
    for (JsonBody item : body.requiredObjects("items", MAX_ITEMS)) {
      request.addItems(
          CreateOrderRequest.Line.newBuilder()
              .setProductId(item.requiredString("product_id"))
              .setQuantity(item.requiredLong("quantity")));
    }
    body.optionalString("payment_method").ifPresent(request::setPaymentMethod);
    String key = ctx.header("Idempotency-Key");
    if (key != null) {
      request.setIdempotencyKey(key);
    }
    Json.respond(ctx, 201, order(ordersFor(caller).createOrder(request.build())));
  }

  private void get(Context ctx) {
    var caller = auth.requireForwarding(ctx);
    Json.respond(ctx, 200, order(ordersFor(caller).getOrder(getRequest(ctx))));
  }

  private static GetOrderRequest getRequest(Context ctx) {
    return GetOrderRequest.newBuilder().setId(ctx.pathParam("id")).build();
  }

  private void list(Context ctx) {
    var caller = auth.requireForwarding(ctx);
    var request = ListOrdersRequest.newBuilder().setPage(QueryParams.page(ctx));
    status(ctx).ifPresent(request::setStatus);
    var page = ordersFor(caller).listOrders(request.build());
    QueryParams.respondWithPage(
        ctx,
        "orders",
        page.getOrdersList().stream().map(OrderRoutes::order).toList(),
        page.getNextPageToken());
  }

  /** The {@code status} query parameter, if given; anything but an order status is a 400. */
  static java.util.Optional<OrderStatus> status(Context ctx) {
    String status = ctx.queryParam("status");
    if (status == null || status.isBlank()) {
      return java.util.Optional.empty();
    }
    String wanted = status.strip().toUpperCase(Locale.ROOT);
    // the API spells statuses as the domain names them
    for (var known : orderpay.domain.order.OrderStatus.values()) {
      if (known.name().equals(wanted)) {
        return java.util.Optional.of(OrderMessages.toProto(known));
      }
    }
    throw ApiError.invalidField(
        "status", "status must be one of PENDING, PAID, FAILED, CANCELLED, REFUNDED");
  }

  private void cancel(Context ctx) {
    var caller = auth.requireForwarding(ctx);
    var cancelled =
        ordersFor(caller)
            .cancelOrder(CancelOrderRequest.newBuilder().setId(ctx.pathParam("id")).build());
    Json.respond(ctx, 200, order(cancelled));
  }

  private void payment(Context ctx) {
    var caller = auth.requireForwarding(ctx);
    // ownership first: 404 for others' orders
    var order = ordersFor(caller).getOrder(getRequest(ctx));
    var payment =
        paymentsFor(caller)
            .checkPaymentStatus(
                CheckPaymentStatusRequest.newBuilder().setOrderId(order.getId()).build());
    Json.respond(ctx, 200, payment(payment));
  }

  /**
   * The payer passes the test 3-D Secure challenge (the storefront's stand-in for Stripe.js with
   * the local emulator); the payment service decides whether the caller is the payer.
   */
  private void authenticate(Context ctx) {
    var caller = auth.requireForwarding(ctx);
    var payment =
        paymentsFor(caller)
            .completeTestAuthentication(
                CompleteTestAuthenticationRequest.newBuilder()
                    .setOrderId(ctx.pathParam("id"))
                    .build());
    Json.respond(ctx, 200, payment(payment));
  }

  private void stripeWebhook(Context ctx) {
    var reply =
        payments.handleStripeWebhook(
            StripeWebhookRequest.newBuilder()
                .setPayload(ByteString.copyFrom(ctx.bodyAsBytes()))
                .setSignatureHeader(
                    ctx.header("Stripe-Signature") == null ? "" : ctx.header("Stripe-Signature"))
                .build());
    Json.respond(ctx, 200, Map.of("received", true, "duplicate", reply.getDuplicate()));
  }

  static Map<String, Object> order(Order order) {
    var json = new LinkedHashMap<String, Object>();
    json.put("id", order.getId());
    json.put("user_id", order.getUserId());
    json.put("status", OrderMessages.statusName(order.getStatus()));
    json.put(
        "items",
        order.getItemsList().stream()
            .map(
                item -> {
                  var line = new LinkedHashMap<String, Object>();
                  line.put("product_id", item.getProductId());
                  line.put("name", item.getName());
                  line.put("quantity", item.getQuantity());
                  line.put("unit_price", ApiJson.money(item.getUnitPrice()));
                  line.put("line_total", ApiJson.money(item.getLineTotal()));
                  return line;
                })
            .toList());
    json.put("total", ApiJson.money(order.getTotal()));
    json.put("shipping_address", order.getShippingAddress());
    if (order.hasPayment()) {
      var payment = new LinkedHashMap<String, Object>();
      payment.put("id", order.getPayment().getId());
      payment.put("status", order.getPayment().getStatus());
      payment.put("provider", order.getPayment().getProvider());
      payment.put("provider_payment_id", emptyToNull(order.getPayment().getProviderPaymentId()));
      if (!order.getPayment().getClientSecret().isEmpty()) {
        payment.put("client_secret", order.getPayment().getClientSecret());
      }
      json.put("payment", payment);
    } else {
      json.put("payment", null);
    }
    if (!order.getFailureReason().isEmpty()) {
      json.put("failure_reason", order.getFailureReason());
    }
    json.put("created_at", ProtoTime.toInstant(order.getCreatedAt()).toString());
    json.put("updated_at", ProtoTime.toInstant(order.getUpdatedAt()).toString());
    return json;
  }

  static Map<String, Object> payment(Payment payment) {
    var json = new LinkedHashMap<String, Object>();
    json.put("id", payment.getId());
    json.put("order_id", payment.getOrderId());
    json.put("status", PaymentMessages.statusName(payment.getStatus()));
    json.put("amount", ApiJson.money(payment.getAmount()));
    json.put("provider", payment.getProvider());
    json.put("provider_payment_id", emptyToNull(payment.getProviderPaymentId()));
    if (!payment.getFailureReason().isEmpty()) {
      json.put("failure_reason", payment.getFailureReason());
    }
    json.put("created_at", ProtoTime.toInstant(payment.getCreatedAt()).toString());
    json.put("updated_at", ProtoTime.toInstant(payment.getUpdatedAt()).toString());
    return json;
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
