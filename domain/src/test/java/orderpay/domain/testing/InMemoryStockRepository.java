package orderpay.domain.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.inventory.InsufficientStock;
import orderpay.domain.inventory.ReservationLine;
import orderpay.domain.inventory.StockItem;
import orderpay.domain.inventory.StockRepository;

public final class InMemoryStockRepository
    implements StockRepository, InMemoryTransactions.Snapshottable {
  private Map<ProductId, StockItem> items = new HashMap<>();
  private Set<ProductId> discontinued = new HashSet<>();

  @Override
  public synchronized boolean addIfAbsent(ProductId productId, long onHand) {
    return items.putIfAbsent(productId, new StockItem(productId, onHand, 0)) == null;
  }

  @Override
  public synchronized void discontinue(ProductId productId) {
    discontinued.add(productId);
  }

  @Override
  public synchronized Optional<StockItem> find(ProductId productId) {
    return discontinued.contains(productId)
        ? Optional.empty()
        : Optional.ofNullable(items.get(productId));
  }

  @Override
  public Optional<StockItem> findForUpdate(ProductId productId) {
    return find(productId);
  }

  @Override
  public synchronized List<StockItem> findAll(Collection<ProductId> productIds) {
    return productIds.stream().map(this::find).flatMap(Optional::stream).toList();
  }

  @Override
  public synchronized void save(StockItem item) {
    items.put(item.productId(), item);
  }

  @Override
  public synchronized List<InsufficientStock.Shortage> tryReserve(List<ReservationLine> lines) {
    var shortages = new ArrayList<InsufficientStock.Shortage>();
    for (ReservationLine line : lines) {
      var item = find(line.productId());
      if (item.isPresent() && item.get().canReserve(line.quantity())) {
        items.put(line.productId(), item.get().reserve(line.quantity()));
      } else {
        shortages.add(
            new InsufficientStock.Shortage(
                line.productId(), line.quantity(), item.map(StockItem::available).orElse(0L)));
      }
    }
    return shortages;
  }

  @Override
  public synchronized void release(List<ReservationLine> lines) {
    lines.forEach(
        l -> items.computeIfPresent(l.productId(), (id, item) -> item.release(l.quantity())));
  }

  @Override
  public synchronized void commit(List<ReservationLine> lines) {
    lines.forEach(
        l -> items.computeIfPresent(l.productId(), (id, item) -> item.commit(l.quantity())));
  }

  @Override
  public synchronized void restock(List<ReservationLine> lines) {
    lines.forEach(
        l ->
            items.computeIfPresent(
                l.productId(),
                (id, item) -> new StockItem(id, item.onHand() + l.quantity(), item.reserved())));
  }

  @Override
  public synchronized Object snapshot() {
    return List.of(new HashMap<>(items), new HashSet<>(discontinued));
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized void restore(Object snapshot) {
    var parts = (List<Object>) snapshot;
    items = new HashMap<>((Map<ProductId, StockItem>) parts.get(0));
    discontinued = new HashSet<>((Set<ProductId>) parts.get(1));
  }
}
