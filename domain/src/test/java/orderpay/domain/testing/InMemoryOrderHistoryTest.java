package orderpay.domain.testing;

class InMemoryOrderHistoryTest extends OrderHistoryContract {
  @Override
  protected OrderStores emptyStores(MutableClock clock) {
    return OrderStores.inMemory(clock);
  }
}
