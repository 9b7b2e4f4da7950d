package orderpay.domain.catalog;

import java.time.Clock;
import orderpay.domain.shared.EventPublisher;
import orderpay.domain.shared.Transactions;

/**
 * Takes a live product off the catalogue (a soft delete: the row stays, marked deleted); the
 * deletion and its {@link ProductChanged.Deleted} event commit together. A second delete is
 * NOT_FOUND.
 */
public record DeleteProduct(
    ProductRepository products, Transactions transactions, EventPublisher events, Clock clock) {

  public void delete(ProductId id) {
    transactions.run(
        () -> {
          var current = LiveProducts.lockForChange(products, id);
          var now = clock.instant();
          products.markDeleted(id, now);
          events.publish(new ProductChanged.Deleted(current, now));
        });
  }
}
