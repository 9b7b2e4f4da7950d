package orderpay.domain.testing;

import orderpay.domain.order.Order;
import orderpay.domain.user.UserId;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of the contracts of the order service's ports: each test starts from empty {@link
 * OrderStores} and a clock at a fixed time.
 */
public abstract class OrderStoresContract {
  protected final MutableClock clock = MutableClock.startingAt("2026-03-01T12:00:00Z");
  protected OrderStores stores;

  /** Empty stores, their history stamped by {@code clock}. */
  protected abstract OrderStores emptyStores(MutableClock clock);

  @BeforeEach
  void startEmpty() {
    stores = emptyStores(clock);
  }

  /** A new order of {@code user}, stored now. */
  protected Order stored(UserId user) {
    return stores.stored(user, null, clock);
  }
}
