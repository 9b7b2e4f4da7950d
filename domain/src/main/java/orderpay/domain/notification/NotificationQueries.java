package orderpay.domain.notification;

import java.util.List;
import java.util.Optional;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.Reader;
import orderpay.domain.user.UserId;

/** Reading a customer's messages, newest first, at most 200. */
public record NotificationQueries(NotificationRepository notifications) {

  public List<Notification> list(UserId userId, Optional<OrderId> orderId) {
    return notifications.listForUser(userId, orderId, 200);
  }

  /**
   * The messages of {@code customer} (about one order if given), to that customer or an admin; to
   * anyone else there are none.
   */
  public List<Notification> listOf(UserId customer, Optional<OrderId> orderId, Reader reader) {
    return reader.mayRead(customer) ? list(customer, orderId) : List.of();
  }
}
