package orderpay.domain.catalog;

import java.time.Clock;
import orderpay.domain.money.Money;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.EventPublisher;
import orderpay.domain.shared.IdGenerator;
import orderpay.domain.shared.Transactions;

/**
 * Adds a product to the catalogue. The product and its {@link ProductChanged.Created} event commit
 * together; the event announces the initial stock, the only time stock is announced.
 */
public record CreateProduct(
    ProductRepository products,
    Transactions transactions,
    EventPublisher events,
    IdGenerator ids,
    Clock clock) {
  public static final long MAX_INITIAL_STOCK = 1_000_000_000L;

  public record Command(String name, String description, Money price, long initialStock) {}

  public Product create(Command command) {
    if (command.initialStock() < 0 || command.initialStock() > MAX_INITIAL_STOCK) {
      throw DomainException.invalidField(
          "initial_stock", "initial_stock must be between 0 and " + MAX_INITIAL_STOCK);
    }
    var now = LiveProducts.storedNow(clock);
    var product =
        new Product(
            new ProductId(ids.newId()),
            command.name(),
            command.description(),
            command.price(),
            now,
            now);
    return transactions.inTransaction(
        () -> {
          products.add(product);
          events.publish(new ProductChanged.Created(product, command.initialStock(), now));
          return product;
        });
  }
}
