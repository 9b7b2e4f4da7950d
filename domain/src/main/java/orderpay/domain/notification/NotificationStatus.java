package orderpay.domain.notification;

public enum NotificationStatus {
  PENDING,
  SENT,
  FAILED
}
