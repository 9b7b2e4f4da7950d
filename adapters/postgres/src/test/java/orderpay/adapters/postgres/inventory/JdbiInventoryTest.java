package orderpay.adapters.postgres.inventory;

import java.time.Duration;
import orderpay.adapters.postgres.Database;
import orderpay.adapters.postgres.PostgresTestDatabase;
import orderpay.domain.testing.InventoryContract;
import orderpay.domain.testing.InventoryUseCases;
import orderpay.domain.testing.MutableClock;
import orderpay.domain.testing.RecordingEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The inventory rules against PostgreSQL (events are recorded in memory here). */
class JdbiInventoryTest extends InventoryContract {
  private static Database database;

  @BeforeAll
  static void migrate() {
    database = PostgresTestDatabase.open(JdbiInventoryTest.class, "inventory");
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Override
  protected InventoryUseCases newInventory(
      MutableClock clock, RecordingEvents events, Duration ttl) {
    var tx = database.transactions();
    return InventoryUseCases.over(
        new JdbiStockRepository(tx), new JdbiReservationRepository(tx), tx, events, clock, ttl);
  }
}
