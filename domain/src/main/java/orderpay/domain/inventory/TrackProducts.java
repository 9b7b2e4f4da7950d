package orderpay.domain.inventory;

import orderpay.domain.catalog.ProductId;
import orderpay.domain.shared.Transactions;

/**
 * From the catalog's events: inventory keeps stock for the products the catalog has. A deleted
 * product is discontinued, not forgotten: its stock row stays for the records.
 */
public record TrackProducts(StockRepository stock, Transactions transactions) {

  /** A new product starts with its initial stock, once: a redelivery does not reset the count. */
  public void track(ProductId productId, long initialStock) {
    transactions.run(() -> stock.addIfAbsent(productId, Math.max(0, initialStock)));
  }

  /** A deleted product can no longer be reserved. */
  public void discontinue(ProductId productId) {
    transactions.run(() -> stock.discontinue(productId));
  }
}
