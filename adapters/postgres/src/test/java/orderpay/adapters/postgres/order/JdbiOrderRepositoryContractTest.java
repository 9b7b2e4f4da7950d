package orderpay.adapters.postgres.order;

import orderpay.adapters.postgres.ContractDatabase;
import orderpay.domain.testing.MutableClock;
import orderpay.domain.testing.OrderRepositoryContract;
import orderpay.domain.testing.OrderStores;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiOrderRepositoryContractTest extends OrderRepositoryContract {
  @RegisterExtension static final ContractDatabase database = PostgresOrderStores.database();

  @Override
  protected OrderStores emptyStores(MutableClock clock) {
    return PostgresOrderStores.emptied(database, clock);
  }
}
