package orderpay.domain.order;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.UserId;

public interface OrderRepository {
  /** Stores a new order unless the user already used its idempotency key; false if so. */
  boolean addIfAbsent(Order order);

  Optional<Order> findByIdempotencyKey(UserId userId, String key);

  Optional<Order> find(OrderId id);

  Optional<Order> findForUpdate(OrderId id);

  void update(Order order);

  /** The user's orders, newest first, keyset-paged after {@code before}. */
  List<Order> listByUser(
      UserId userId, Optional<OrderStatus> status, Optional<OrderId> before, int limit);

  /**
   * PENDING orders whose saga stopped short of ACCEPTED and were last touched before {@code
   * before}.
   */
  List<Order> findStuck(Instant before, int limit);

  /** Accepted PENDING orders created before {@code before}: their payment window is over. */
  List<Order> findUnpaidSince(Instant before, int limit);
}
