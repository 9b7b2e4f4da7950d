package orderpay.domain.user;

import java.util.Objects;
import java.util.Optional;

/**
 * Who a read is for, as a verified access token says: a customer sees what is theirs, an admin
 * everyone's. A service doing its own work (the notification service addressing an order's buyer)
 * reads for no customer; which services may do that is settled before a call reaches a use case.
 * What a reader may not see does not exist for them: use cases answer NOT_FOUND, never a refusal
 * that would confirm it is there.
 *
 * <p>Lives with {@link UserId} so that orders, payments and users can all take it without a cycle
 * between domain packages.
 */
public record Reader(Optional<UserId> customer, boolean admin) {
  public Reader {
    Objects.requireNonNull(customer, "customer");
  }

  /** A customer (or, with {@code admin}, an admin) proven by their access token. */
  public static Reader of(UserId userId, boolean admin) {
    return new Reader(Optional.of(Objects.requireNonNull(userId, "userId")), admin);
  }

  /** A service reading for its own work, acting for no customer. */
  public static Reader forNoCustomer() {
    return new Reader(Optional.empty(), false);
  }

  /** Whether what {@code owner} owns is this reader's to see. */
  public boolean mayRead(UserId owner) {
    return admin || customer.map(owner::equals).orElse(true);
  }
}
