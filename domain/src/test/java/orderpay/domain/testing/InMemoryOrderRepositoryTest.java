package orderpay.domain.testing;

class InMemoryOrderRepositoryTest extends OrderRepositoryContract {
  @Override
  protected OrderStores emptyStores(MutableClock clock) {
    return OrderStores.inMemory(clock);
  }
}
