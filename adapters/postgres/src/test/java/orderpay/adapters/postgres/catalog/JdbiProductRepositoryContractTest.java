package orderpay.adapters.postgres.catalog;

import orderpay.adapters.postgres.ContractDatabase;
import orderpay.domain.catalog.ProductRepository;
import orderpay.domain.testing.ProductRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiProductRepositoryContractTest extends ProductRepositoryContract {
  @RegisterExtension
  static final ContractDatabase database = new ContractDatabase("product", "products");

  @Override
  protected ProductRepository emptyRepository() {
    return new JdbiProductRepository(database.emptied());
  }
}
