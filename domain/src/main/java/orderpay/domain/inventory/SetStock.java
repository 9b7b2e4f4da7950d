package orderpay.domain.inventory;

import orderpay.domain.catalog.ProductId;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.Transactions;

/** An admin's count of a product's units on hand; it never drops below what is held. */
public record SetStock(StockRepository stock, Transactions transactions) {
  public static final long MAX_STOCK = 1_000_000_000L;

  public StockItem set(ProductId productId, long onHand) {
    if (onHand > MAX_STOCK) {
      throw DomainException.invalidField("on_hand", "on_hand must be at most " + MAX_STOCK);
    }
    return transactions.inTransaction(
        () -> {
          var item =
              stock
                  .findForUpdate(productId)
                  .orElseThrow(() -> DomainException.notFound("product", productId.toString()));
          var next = item.recount(onHand);
          stock.save(next);
          return next;
        });
  }
}
