package orderpay.domain.catalog;

import java.time.Clock;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.EventPublisher;
import orderpay.domain.shared.Transactions;

/**
 * Changes a live product's name, description or price; the change and its {@link
 * ProductChanged.Updated} event commit together. Stock is never touched here.
 */
public record UpdateProduct(
    ProductRepository products, Transactions transactions, EventPublisher events, Clock clock) {

  public Product update(ProductId id, Product.Changes changes) {
    if (changes.isEmpty()) {
      throw DomainException.invalid("give at least one of name, description, price");
    }
    return transactions.inTransaction(
        () -> {
          var current = LiveProducts.lockForChange(products, id);
          var now = LiveProducts.storedNow(clock);
          var next = current.apply(changes, now);
          products.update(next);
          events.publish(new ProductChanged.Updated(next, now));
          return next;
        });
  }
}
