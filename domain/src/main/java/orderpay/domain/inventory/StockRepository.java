package orderpay.domain.inventory;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import orderpay.domain.catalog.ProductId;

/**
 * Stock rows. The reserve/release/commit methods are conditional updates in the database, in the
 * order the lines are given (the caller sorts them by product id, the one lock order), so several
 * replicas can never oversell and multi-line reservations cannot deadlock.
 */
public interface StockRepository {
  /** Creates the item with {@code onHand} units unless it exists; false if it did. */
  boolean addIfAbsent(ProductId productId, long onHand);

  /** A discontinued product can no longer be reserved (its stock row stays for the records). */
  void discontinue(ProductId productId);

  /** A sellable (not discontinued) item. */
  Optional<StockItem> find(ProductId productId);

  Optional<StockItem> findForUpdate(ProductId productId);

  List<StockItem> findAll(Collection<ProductId> productIds);

  void save(StockItem item);

  /**
   * Reserves each line only if enough is available. Returns the lines that were short (empty when
   * all were reserved); the caller must roll back when any is short.
   */
  List<InsufficientStock.Shortage> tryReserve(List<ReservationLine> lines);

  void release(List<ReservationLine> lines);

  void commit(List<ReservationLine> lines);

  /** Sold units come back (a refund): on_hand grows. */
  void restock(List<ReservationLine> lines);
}
