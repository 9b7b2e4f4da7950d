package orderpay.adapters.grpc.notification;

import orderpay.adapters.grpc.ProtoTime;
import orderpay.contracts.notification.v1.Notification;
import orderpay.contracts.notification.v1.NotificationStatus;

/**
 * The one mapping of notification_service.proto's {@code Notification} and {@code
 * NotificationStatus}, for the notification service that writes them and for the gateway that reads
 * them. Enums map by exhaustive switches.
 */
public final class NotificationMessages {
  private NotificationMessages() {}

  public static Notification toProto(orderpay.domain.notification.Notification n) {
    var proto =
        Notification.newBuilder()
            .setId(n.id().toString())
            .setChannel(n.channel())
            .setTemplate(n.template().wireName())
            .setSubject(n.subject())
            .setStatus(toProto(n.status()))
            .setCreatedAt(ProtoTime.of(n.createdAt()));
    if (n.recipient() != null) {
      proto.setTo(n.recipient());
    }
    if (n.orderId() != null) {
      proto.setOrderId(n.orderId().toString());
    }
    if (n.userId() != null) {
      proto.setUserId(n.userId().toString());
    }
    if (n.sentAt() != null) {
      proto.setSentAt(ProtoTime.of(n.sentAt()));
    }
    return proto.build();
  }

  public static NotificationStatus toProto(orderpay.domain.notification.NotificationStatus status) {
    return switch (status) {
      case PENDING -> NotificationStatus.NOTIFICATION_STATUS_PENDING;
      case SENT -> NotificationStatus.NOTIFICATION_STATUS_SENT;
      case FAILED -> NotificationStatus.NOTIFICATION_STATUS_FAILED;
    };
  }

  /** The notification service always sets a status: unset or unknown is refused. */
  public static orderpay.domain.notification.NotificationStatus toDomain(
      NotificationStatus status) {
    return switch (status) {
      case NOTIFICATION_STATUS_PENDING -> orderpay.domain.notification.NotificationStatus.PENDING;
      case NOTIFICATION_STATUS_SENT -> orderpay.domain.notification.NotificationStatus.SENT;
      case NOTIFICATION_STATUS_FAILED -> orderpay.domain.notification.NotificationStatus.FAILED;
      case NOTIFICATION_STATUS_UNSPECIFIED, UNRECOGNIZED ->
          throw new IllegalArgumentException(
              "a notification message carries no known status: " + status);
    };
  }

  /** The status as the public API spells it ("SENT"): the domain's name for it. */
  public static String statusName(NotificationStatus status) {
    return toDomain(status).name();
  }
}
