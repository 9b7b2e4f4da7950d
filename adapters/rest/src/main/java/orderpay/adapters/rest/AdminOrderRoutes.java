package orderpay.adapters.rest;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import orderpay.contracts.notification.v1.NotificationServiceGrpc;
import orderpay.contracts.order.v1.ListOrdersRequest;
import orderpay.contracts.order.v1.OrderServiceGrpc;
import orderpay.contracts.order.v1.RetryOrderRequest;
import orderpay.contracts.payment.v1.PaymentServiceGrpc;
import orderpay.contracts.user.v1.GetUserRequest;
import orderpay.contracts.user.v1.UserServiceGrpc;

/**
 * The operator console's orders (admins only): every customer's orders with filters, an order's
 * timeline across the services, and a retry of a stuck saga. The services check the admin's
 * forwarded token again; the gateway refuses others first, before any call.
 */
public final class AdminOrderRoutes {
  /** The order service's own bound (a hundred years), checked here so nothing is called. */
  static final long MAX_AGE_SECONDS = 36_500L * 24 * 3600;

  private final OrderServiceGrpc.OrderServiceBlockingStub orders;
  private final UserServiceGrpc.UserServiceBlockingStub users;
  private final OrderTimeline timeline;
  private final Authenticator auth;

  public AdminOrderRoutes(
      OrderServiceGrpc.OrderServiceBlockingStub orders,
      PaymentServiceGrpc.PaymentServiceBlockingStub payments,
      NotificationServiceGrpc.NotificationServiceBlockingStub notifications,
      UserServiceGrpc.UserServiceBlockingStub users,
      Authenticator auth) {
    this.orders = orders;
    this.users = users;
    this.timeline = new OrderTimeline(orders, payments, notifications);
    this.auth = auth;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/admin/orders", this::list),
        Route.get("/api/v1/admin/orders/{id}/timeline", this::timeline),
        Route.post("/api/v1/admin/orders/{id}/retry", this::retry));
  }

  private void list(Context ctx) {
    var admin = auth.requireAdminForwarding(ctx);
    var request =
        ListOrdersRequest.newBuilder()
            .setEveryCustomer(true)
            .setPage(QueryParams.page(ctx))
            .setOlderThanSeconds(olderThanSeconds(ctx));
    OrderRoutes.status(ctx).ifPresent(request::setStatus);
    var customer = customer(ctx);
    if (customer.isPresent()) {
      var userId =
          customer.get().isEmail()
              ? idOfEmail(admin, customer.get().value())
              : customer.get().value();
      if (userId == null) {
        // nobody has that address: nobody's orders
        QueryParams.respondWithPage(ctx, "orders", List.of(), "");
        return;
      }
      request.setCustomerId(userId);
    }
    var page = orders.withCallCredentials(admin.forwarded()).listOrders(request.build());
    QueryParams.respondWithPage(
        ctx,
        "orders",
        page.getOrdersList().stream().map(OrderRoutes::order).toList(),
        page.getNextPageToken());
  }

  private static long olderThanSeconds(Context ctx) {
    String raw = ctx.queryParam("older_than_seconds");
    if (raw == null || raw.isBlank()) {
      return 0;
    }
    try {
      long seconds = Long.parseLong(raw.strip());
      if (seconds >= 0 && seconds <= MAX_AGE_SECONDS) {
        return seconds;
      }
    } catch (NumberFormatException notANumber) {
      // refused below, with the same words
    }
    throw ApiError.invalidField(
        "older_than_seconds",
        "older_than_seconds must be a whole number of seconds from 0 to " + MAX_AGE_SECONDS);
  }

  /** The {@code customer} filter: a user id, or an email the user service resolves. */
  private record Customer(String value, boolean isEmail) {}

  private static Optional<Customer> customer(Context ctx) {
    String raw = ctx.queryParam("customer");
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    String value = raw.strip();
    if (value.contains("@") && value.length() <= 254) {
      return Optional.of(new Customer(value, true));
    }
    try {
      return Optional.of(new Customer(UUID.fromString(value).toString(), false));
    } catch (IllegalArgumentException notAnId) {
      throw ApiError.invalidField(
          "customer", "customer must be a user id (UUID) or an email address");
    }
  }

  /** The id of the account with this email; null if there is none. */
  private String idOfEmail(Authenticator.Caller admin, String email) {
    try {
      return users
          .withCallCredentials(admin.forwarded())
          .getUser(GetUserRequest.newBuilder().setEmail(email).build())
          .getId();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return null;
      }
      throw e; // a malformed address is the user service's INVALID_ARGUMENT: a 400
    }
  }

  private void timeline(Context ctx) {
    var admin = auth.requireAdminForwarding(ctx);
    Json.respond(ctx, 200, timeline.of(ctx.pathParam("id"), admin.forwarded()));
  }

  private void retry(Context ctx) {
    var admin = auth.requireAdminForwarding(ctx);
    var retried =
        orders
            .withCallCredentials(admin.forwarded())
            .retryOrder(RetryOrderRequest.newBuilder().setId(ctx.pathParam("id")).build());
    Json.respond(ctx, 200, OrderRoutes.order(retried));
  }
}
