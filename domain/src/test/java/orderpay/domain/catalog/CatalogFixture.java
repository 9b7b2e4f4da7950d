package orderpay.domain.catalog;

import orderpay.domain.money.Money;
import orderpay.domain.testing.ImmediateTransactions;
import orderpay.domain.testing.InMemoryProductRepository;
import orderpay.domain.testing.MutableClock;
import orderpay.domain.testing.RecordingEvents;
import orderpay.domain.testing.SequentialIds;

/** The product use cases over one in-memory catalogue, wired as the product service wires them. */
final class CatalogFixture {
  final RecordingEvents events = new RecordingEvents();
  private final InMemoryProductRepository products = new InMemoryProductRepository();
  private final ImmediateTransactions transactions = new ImmediateTransactions();
  private final MutableClock clock = MutableClock.startingAt("2026-03-01T12:00:00Z");
  final CreateProduct createProduct =
      new CreateProduct(products, transactions, events, new SequentialIds(), clock);
  final UpdateProduct updateProduct = new UpdateProduct(products, transactions, events, clock);
  final DeleteProduct deleteProduct = new DeleteProduct(products, transactions, events, clock);
  final ProductQueries queries = new ProductQueries(products);

  /** A product priced 9.99 EUR with 5 in stock. */
  Product create(String name) {
    return createProduct.create(new CreateProduct.Command(name, "", Money.of(999, "EUR"), 5));
  }
}
