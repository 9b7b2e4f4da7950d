package orderpay.adapters.postgres.order;

import orderpay.adapters.postgres.ContractDatabase;
import orderpay.domain.testing.FollowUpQueueContract;
import orderpay.domain.testing.MutableClock;
import orderpay.domain.testing.OrderStores;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiFollowUpQueueTest extends FollowUpQueueContract {
  @RegisterExtension static final ContractDatabase database = PostgresOrderStores.database();

  @Override
  protected OrderStores emptyStores(MutableClock clock) {
    return PostgresOrderStores.emptied(database, clock);
  }
}
