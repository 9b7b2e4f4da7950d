package orderpay.domain.testing;

class InMemoryFollowUpsTest extends FollowUpQueueContract {
  @Override
  protected OrderStores emptyStores(MutableClock clock) {
    return OrderStores.inMemory(clock);
  }
}
