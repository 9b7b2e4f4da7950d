package orderpay.domain.testing;

import orderpay.domain.catalog.ProductRepository;

class InMemoryProductRepositoryTest extends ProductRepositoryContract {
  @Override
  protected ProductRepository emptyRepository() {
    return new InMemoryProductRepository();
  }
}
