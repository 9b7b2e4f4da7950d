package orderpay.domain.testing;

import java.time.Duration;

class InMemoryInventoryTest extends InventoryContract {
  @Override
  protected InventoryUseCases newInventory(
      MutableClock clock, RecordingEvents events, Duration ttl) {
    return InventoryUseCases.inMemory(events, clock, ttl);
  }
}
