package orderpay.domain.notification;

import java.util.Optional;
import orderpay.domain.user.UserId;

/** Who a user is, asked of the user service when a message is about to go out. */
public interface UserDirectory {
  Optional<Recipient> find(UserId userId);
}
