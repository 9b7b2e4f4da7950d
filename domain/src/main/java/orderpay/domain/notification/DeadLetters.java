package orderpay.domain.notification;

import java.util.UUID;

/** Parks the event behind a message that could not be delivered, for a later replay. */
public interface DeadLetters {
  void park(UUID notificationId, String reason);
}
