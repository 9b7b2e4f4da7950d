package orderpay.domain.testing;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import orderpay.domain.catalog.Product;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.catalog.ProductRepository;

public final class InMemoryProductRepository implements ProductRepository {
  // in PostgreSQL's id order, which keyset paging follows
  private final Map<ProductId, Product> products =
      new TreeMap<>((a, b) -> PostgresOrder.UUIDS.compare(a.value(), b.value()));
  private final Set<ProductId> deleted = ConcurrentHashMap.newKeySet();

  @Override
  public synchronized void add(Product product) {
    products.put(product.id(), product);
  }

  @Override
  public Optional<Product> findLiveForUpdate(ProductId id) {
    return findLive(id);
  }

  @Override
  public synchronized Optional<Product> findLive(ProductId id) {
    return deleted.contains(id) ? Optional.empty() : Optional.ofNullable(products.get(id));
  }

  @Override
  public synchronized void update(Product product) {
    if (findLive(product.id()).isPresent()) { // a deleted product stays as it was
      products.put(product.id(), product);
    }
  }

  @Override
  public synchronized boolean markDeleted(ProductId id, Instant at) {
    return products.containsKey(id) && deleted.add(id);
  }

  @Override
  public synchronized List<Product> listLive(
      Optional<ProductId> after, int limit, Optional<String> containing) {
    var needle = containing.map(c -> c.toLowerCase(java.util.Locale.ROOT));
    return products.values().stream()
        .filter(p -> !deleted.contains(p.id()))
        .filter(
            p ->
                needle.isEmpty()
                    || (p.name() + "\n" + p.description())
                        .toLowerCase(java.util.Locale.ROOT)
                        .contains(needle.get()))
        .filter(
            p ->
                after.isEmpty()
                    || PostgresOrder.UUIDS.compare(p.id().value(), after.get().value()) > 0)
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized List<Product> findLive(Collection<ProductId> ids) {
    return ids.stream().map(this::findLive).flatMap(Optional::stream).toList();
  }
}
