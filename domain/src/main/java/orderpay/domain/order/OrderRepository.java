package orderpay.domain.order;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import orderpay.domain.shared.OrderId;
import orderpay.domain.user.UserId;

/**
 * The order service's orders. Storing an order ({@link #addIfAbsent}, {@link #update}) also stores
 * the history it noted ({@link Order#drainHistory}) in the same transaction.
 */
public interface OrderRepository {
  /** An order found by its idempotency key, with the fingerprint of the request that made it. */
  record KeyedOrder(Order order, String requestFingerprint) {}

  /**
   * Stores a new order unless the user already used its idempotency key; false if so. {@code
   * requestFingerprint} identifies the request, so a reused key with another body is recognised.
   */
  boolean addIfAbsent(Order order, String requestFingerprint);

  Optional<KeyedOrder> findByIdempotencyKey(UserId userId, String key);

  /**
   * Inside a transaction: serialises order creation per user until commit, so the open-order limits
   * cannot be overrun by parallel requests.
   */
  void lockOrdersOf(UserId userId);

  /** The user's PENDING orders and the units they hold. */
  OrderLimits.OpenOrders openOrdersOf(UserId userId);

  /**
   * Removes an order that never got past NEW (nothing reserved, nothing paid, nothing announced),
   * so a request refused for lack of stock leaves no row behind.
   */
  void discardUnstarted(OrderId id);

  Optional<Order> find(OrderId id);

  Optional<Order> findForUpdate(OrderId id);

  /**
   * For reconciliation: the orders with these ids, and every order created at or after {@code
   * from}.
   */
  List<OrderSummary> summaries(java.util.Collection<OrderId> ids, Instant from);

  void update(Order order);

  /**
   * Orders newest first, keyset-paged after {@code before}: the user's (every user's if none), in
   * {@code status} if given, created before {@code createdBefore} if given.
   */
  List<Order> list(
      Optional<UserId> userId,
      Optional<OrderStatus> status,
      Optional<Instant> createdBefore,
      Optional<OrderId> before,
      int limit);

  /**
   * PENDING orders whose saga stopped short of ACCEPTED and were last touched before {@code
   * before}, skipping those whose last sweep failed and whose retry is not due at {@code now}.
   */
  List<Order> findStuck(Instant before, Instant now, int limit);

  /**
   * PENDING orders created before {@code before}, whatever step their saga reached, due for a sweep
   * at {@code now}.
   */
  List<Order> findUnpaidSince(Instant before, Instant now, int limit);

  /**
   * A sweep failed on this order ({@code why}, which its history keeps): counts the failure and
   * skips the order until the instant {@code nextAttempt} computes from the failure count.
   */
  void deferSweep(OrderId id, String why, IntFunction<Instant> nextAttempt);
}
