package orderpay.adapters.rest;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import orderpay.adapters.grpc.ProtoTime;
import orderpay.adapters.grpc.notification.NotificationMessages;
import orderpay.contracts.notification.v1.ListNotificationsRequest;
import orderpay.contracts.notification.v1.Notification;
import orderpay.contracts.notification.v1.NotificationServiceGrpc;

/** The caller's own message history. */
public record NotificationRoutes(
    NotificationServiceGrpc.NotificationServiceBlockingStub notifications, Authenticator auth) {

  public List<Route> routes() {
    return List.of(Route.get("/api/v1/notifications", this::list));
  }

  private void list(Context ctx) {
    var caller = auth.requireForwarding(ctx);
    var request = ListNotificationsRequest.newBuilder();
    String orderId = ctx.queryParam("order_id");
    if (orderId != null && !orderId.isBlank()) {
      request.setOrderId(orderId.strip());
    }
    var reply =
        notifications.withCallCredentials(caller.forwarded()).listNotifications(request.build());
    Json.respond(
        ctx,
        200,
        Map.of(
            "notifications",
            reply.getNotificationsList().stream().map(NotificationRoutes::json).toList()));
  }

  static Map<String, Object> json(Notification n) {
    var json = new LinkedHashMap<String, Object>();
    json.put("id", n.getId());
    json.put("channel", n.getChannel());
    json.put("template", n.getTemplate());
    json.put("to", n.getTo().isEmpty() ? null : n.getTo());
    json.put("subject", n.getSubject());
    json.put("status", NotificationMessages.statusName(n.getStatus()));
    json.put("order_id", n.getOrderId().isEmpty() ? null : n.getOrderId());
    json.put("created_at", ProtoTime.toInstant(n.getCreatedAt()).toString());
    json.put("sent_at", n.hasSentAt() ? ProtoTime.toInstant(n.getSentAt()).toString() : null);
    return json;
  }
}
