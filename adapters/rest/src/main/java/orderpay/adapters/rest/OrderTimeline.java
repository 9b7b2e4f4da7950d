package orderpay.adapters.rest;

import io.grpc.CallCredentials;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import orderpay.adapters.grpc.ProtoTime;
import orderpay.adapters.grpc.notification.NotificationMessages;
import orderpay.adapters.grpc.payment.PaymentMessages;
import orderpay.contracts.notification.v1.ListNotificationsRequest;
import orderpay.contracts.notification.v1.Notification;
import orderpay.contracts.notification.v1.NotificationServiceGrpc;
import orderpay.contracts.order.v1.GetOrderHistoryRequest;
import orderpay.contracts.order.v1.GetOrderRequest;
import orderpay.contracts.order.v1.OrderHistory;
import orderpay.contracts.order.v1.OrderServiceGrpc;
import orderpay.contracts.payment.v1.GetPaymentActivityRequest;
import orderpay.contracts.payment.v1.PaymentActivity;
import orderpay.contracts.payment.v1.PaymentServiceGrpc;

/**
 * One order's timeline as an operator reads it: the order service's history of the order, its
 * payment's attempt and the provider's webhook events, and the messages its customer was sent, in
 * the order they happened. Each piece comes from the service that owns it, for the admin's token.
 */
final class OrderTimeline {
  private record Entry(Instant at, String source, String kind, String detail) {}

  private final OrderServiceGrpc.OrderServiceBlockingStub orders;
  private final PaymentServiceGrpc.PaymentServiceBlockingStub payments;
  private final NotificationServiceGrpc.NotificationServiceBlockingStub notifications;

  OrderTimeline(
      OrderServiceGrpc.OrderServiceBlockingStub orders,
      PaymentServiceGrpc.PaymentServiceBlockingStub payments,
      NotificationServiceGrpc.NotificationServiceBlockingStub notifications) {
    this.orders = orders;
    this.payments = payments;
    this.notifications = notifications;
  }

  /** The timeline's JSON; an unknown order is the order service's NOT_FOUND (404). */
  Map<String, Object> of(String orderId, CallCredentials admin) {
    var order =
        orders
            .withCallCredentials(admin)
            .getOrder(GetOrderRequest.newBuilder().setId(orderId).build());
    var history =
        orders
            .withCallCredentials(admin)
            .getOrderHistory(GetOrderHistoryRequest.newBuilder().setId(order.getId()).build());
    var entries = new ArrayList<Entry>();
    history
        .getEntriesList()
        .forEach(
            e ->
                entries.add(
                    new Entry(
                        ProtoTime.toInstant(e.getAt()), "order", e.getKind(), e.getDetail())));
    paymentEntries(order.getId(), admin, entries);
    notifications
        .withCallCredentials(admin)
        .listNotifications(
            ListNotificationsRequest.newBuilder()
                .setOrderId(order.getId())
                .setCustomerId(order.getUserId())
                .build())
        .getNotificationsList()
        .forEach(n -> entries.add(notification(n)));
    entries.sort(Comparator.comparing(Entry::at)); // stable: each source keeps its own order

    var json = new LinkedHashMap<String, Object>();
    json.put("order_id", order.getId());
    json.put("trace_id", traceId(history));
    json.put(
        "entries",
        entries.stream()
            .map(
                e -> {
                  var entry = new LinkedHashMap<String, Object>();
                  entry.put("at", e.at().toString());
                  entry.put("source", e.source());
                  entry.put("kind", e.kind());
                  entry.put("detail", e.detail());
                  return entry;
                })
            .toList());
    return json;
  }

  /** The trace of the request that created the order: its first entry's W3C trace id. */
  private static String traceId(OrderHistory history) {
    return history.getEntriesList().stream()
        .map(e -> e.getTraceParent().split("-"))
        .filter(parts -> parts.length == 4 && parts[1].length() == 32)
        .map(parts -> parts[1])
        .findFirst()
        .orElse(null);
  }

  private void paymentEntries(String orderId, CallCredentials admin, List<Entry> entries) {
    PaymentActivity activity;
    try {
      activity =
          payments
              .withCallCredentials(admin)
              .getPaymentActivity(
                  GetPaymentActivityRequest.newBuilder().setOrderId(orderId).build());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return; // the saga never got as far as a payment
      }
      throw e;
    }
    var payment = activity.getPayment();
    var created = ProtoTime.toInstant(payment.getCreatedAt());
    var updated = ProtoTime.toInstant(payment.getUpdatedAt());
    String status = PaymentMessages.statusName(payment.getStatus());
    entries.add(
        new Entry(
            created,
            "payment",
            "payment_created",
            payment.getId()
                + " for "
                + payment.getAmount().getAmountMinor()
                + " "
                + payment.getAmount().getCurrency()
                + " (minor units) at "
                + payment.getProvider()
                + (payment.getProviderPaymentId().isEmpty()
                    ? ""
                    : " as " + payment.getProviderPaymentId())));
    if (updated.isAfter(created) || !status.equals("PENDING")) {
      entries.add(
          new Entry(
              updated,
              "payment",
              "payment_status",
              status
                  + (payment.getFailureReason().isEmpty()
                      ? ""
                      : ": " + payment.getFailureReason())));
    }
    activity
        .getProviderEventsList()
        .forEach(
            e ->
                entries.add(
                    new Entry(
                        ProtoTime.toInstant(e.getReceivedAt()),
                        "payment",
                        "provider_event",
                        e.getType() + " " + e.getEventId())));
  }

  private static Entry notification(Notification n) {
    String status = NotificationMessages.statusName(n.getStatus());
    String detail =
        n.getChannel()
            + (n.getTo().isEmpty() ? "" : " to " + n.getTo())
            + ": "
            + status
            + (n.hasSentAt() ? " at " + ProtoTime.toInstant(n.getSentAt()) : "");
    return new Entry(
        ProtoTime.toInstant(n.getCreatedAt()), "notification", n.getTemplate(), detail);
  }
}
