package orderpay.domain.order;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import orderpay.domain.shared.DomainException;
import orderpay.domain.user.UserId;

/**
 * Which orders a listing covers: one customer's (or, for an admin, everyone's), in one status,
 * placed at least {@code minAge} ago (how an operator finds sagas stuck PENDING past a threshold).
 */
public record OrderFilter(
    Optional<UserId> customer, Optional<OrderStatus> status, Optional<Duration> minAge) {
  /** Beyond this an age means nothing here and would overflow the clock's arithmetic. */
  public static final Duration MAX_AGE = Duration.ofDays(36_500);

  public OrderFilter {
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(minAge, "minAge");
    minAge.ifPresent(
        age -> {
          if (age.isNegative() || age.compareTo(MAX_AGE) > 0) {
            throw DomainException.invalidField(
                "older_than_seconds",
                "older_than_seconds must be between 0 and " + MAX_AGE.toSeconds());
          }
        });
  }

  public static OrderFilter none() {
    return new OrderFilter(Optional.empty(), Optional.empty(), Optional.empty());
  }

  public OrderFilter forCustomer(UserId userId) {
    return new OrderFilter(Optional.of(userId), status, minAge);
  }
}
