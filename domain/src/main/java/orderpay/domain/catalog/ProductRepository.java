package orderpay.domain.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

public interface ProductRepository {
  void add(Product product);

  /** The live (not deleted) product, locked for update when inside a transaction. */
  Optional<Product> findLiveForUpdate(ProductId id);

  Optional<Product> findLive(ProductId id);

  void update(Product product);

  /** Soft delete; returns false if the product was absent or already deleted. */
  boolean markDeleted(ProductId id, java.time.Instant at);

  /**
   * Live products with ids after {@code after} (keyset paging), at most {@code limit}; with {@code
   * containing}, only those whose name or description contains it, ignoring case.
   */
  List<Product> listLive(Optional<ProductId> after, int limit, Optional<String> containing);

  List<Product> findLive(Collection<ProductId> ids);
}
