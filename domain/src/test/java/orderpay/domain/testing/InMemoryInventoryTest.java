package orderpay.domain.testing;

import java.time.Duration;
import orderpay.domain.inventory.Inventory;

class InMemoryInventoryTest extends InventoryContract {
  @Override
  protected Inventory newInventory(MutableClock clock, RecordingEvents events, Duration ttl) {
    var stock = new InMemoryStockRepository();
    var reservations = new InMemoryReservationRepository();
    return new Inventory(
        stock, reservations, new InMemoryTransactions(stock, reservations), events, clock, ttl);
  }
}
