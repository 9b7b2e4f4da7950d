package orderpay.domain.notification;

import java.time.Instant;
import java.util.UUID;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.UserId;

/**
 * One message to one person. Rendered when recorded; the greeting's name and the address are filled
 * in when it goes out (the user service is asked then, so its outage delays rather than loses it).
 */
public record Notification(
    UUID id,
    UserId userId,
    OrderId orderId,
    String channel,
    Template template,
    String recipient,
    String subject,
    String textBody,
    String htmlBody,
    NotificationStatus status,
    int attempts,
    String lastError,
    Instant createdAt,
    Instant sentAt) {}
