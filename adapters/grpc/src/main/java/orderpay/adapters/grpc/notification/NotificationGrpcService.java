package orderpay.adapters.grpc.notification;

import static orderpay.adapters.grpc.StreamReplies.reply;

import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;
import java.util.Optional;
import orderpay.adapters.grpc.auth.UserCheck;
import orderpay.contracts.notification.v1.ListNotificationsRequest;
import orderpay.contracts.notification.v1.ListNotificationsResponse;
import orderpay.contracts.notification.v1.Notification;
import orderpay.contracts.notification.v1.NotificationServiceGrpc;
import orderpay.contracts.notification.v1.SendEmailRequest;
import orderpay.contracts.notification.v1.SendSmsRequest;
import orderpay.domain.notification.NotificationQueries;
import orderpay.domain.notification.SendEmail;
import orderpay.domain.notification.SendSms;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.UserId;

public record NotificationGrpcService(
    SendEmail sendEmail, SendSms sendSms, NotificationQueries queries)
    implements NotificationServiceGrpc.AsyncService, BindableService {
  @Override
  public void sendEmail(SendEmailRequest request, StreamObserver<Notification> response) {
    reply(
        response,
        NotificationMessages.toProto(
            sendEmail.send(
                request.getIdempotencyKey(),
                request.getUserId().isEmpty() ? null : UserId.parse(request.getUserId()),
                request.getTo(),
                request.getSubject(),
                request.getTextBody(),
                request.getHtmlBody())));
  }

  @Override
  public void sendSMS(SendSmsRequest request, StreamObserver<Notification> response) {
    reply(
        response,
        NotificationMessages.toProto(
            sendSms.send(
                request.getIdempotencyKey(),
                request.getUserId().isEmpty() ? null : UserId.parse(request.getUserId()),
                request.getTo(),
                request.getBody())));
  }

  @Override
  public void listNotifications(
      ListNotificationsRequest request, StreamObserver<ListNotificationsResponse> response) {
    var orderId =
        request.getOrderId().isEmpty()
            ? Optional.<OrderId>empty()
            : Optional.of(OrderId.parse(request.getOrderId()));
    var reply = ListNotificationsResponse.newBuilder();
    // another customer's messages are an admin's to see; the domain decides
    var listed =
        request.getCustomerId().isEmpty()
            ? queries.list(UserId.parse(UserCheck.currentUser().userId()), orderId)
            : queries.listOf(
                UserId.parse(request.getCustomerId()), orderId, UserCheck.currentReader());
    listed.forEach(n -> reply.addNotifications(NotificationMessages.toProto(n)));
    reply(response, reply.build());
  }

  /** What {@code NotificationServiceImplBase} would do: the generated binding of these methods. */
  @Override
  public ServerServiceDefinition bindService() {
    return NotificationServiceGrpc.bindService(this);
  }
}
