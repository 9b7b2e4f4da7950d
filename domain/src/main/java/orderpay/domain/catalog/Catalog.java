package orderpay.domain.catalog;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import orderpay.domain.money.Money;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.EventPublisher;
import orderpay.domain.shared.IdGenerator;
import orderpay.domain.shared.Page;
import orderpay.domain.shared.PageToken;
import orderpay.domain.shared.Transactions;

/**
 * The product service's use cases. Each change and its {@link ProductChanged} event commit
 * together; stock is announced once, at creation, and never overwritten by later changes.
 */
public record Catalog(
    ProductRepository products,
    Transactions transactions,
    EventPublisher events,
    IdGenerator ids,
    Clock clock) {
  public static final long MAX_INITIAL_STOCK = 1_000_000_000L;
  public static final int MAX_BATCH = 200;
  public static final int MAX_QUERY_LENGTH = 100;

  public record NewProduct(String name, String description, Money price, long initialStock) {}

  public Product create(NewProduct command) {
    if (command.initialStock() < 0 || command.initialStock() > MAX_INITIAL_STOCK) {
      throw DomainException.invalidField(
          "initial_stock", "initial_stock must be between 0 and " + MAX_INITIAL_STOCK);
    }
    var now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
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

  public Product update(ProductId id, Product.Changes changes) {
    if (changes.isEmpty()) {
      throw DomainException.invalid("give at least one of name, description, price");
    }
    return transactions.inTransaction(
        () -> {
          var current = products.findLiveForUpdate(id).orElseThrow(() -> notFound(id));
          var now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
          var next = current.apply(changes, now);
          products.update(next);
          events.publish(new ProductChanged.Updated(next, now));
          return next;
        });
  }

  public void delete(ProductId id) {
    transactions.run(
        () -> {
          var current = products.findLiveForUpdate(id).orElseThrow(() -> notFound(id));
          var now = clock.instant();
          products.markDeleted(id, now);
          events.publish(new ProductChanged.Deleted(current, now));
        });
  }

  public Product get(ProductId id) {
    return products.findLive(id).orElseThrow(() -> notFound(id));
  }

  public Page<Product> list(int requestedSize, String pageToken) {
    return list(requestedSize, pageToken, null);
  }

  /**
   * A page of live products; with a {@code query}, only those whose name or description contains it
   * (ignoring case). A page token is only meaningful with the query it was made for.
   */
  public Page<Product> list(int requestedSize, String pageToken, String query) {
    int size = Page.sizeOrDefault(requestedSize);
    Optional<ProductId> after = PageToken.parse(pageToken).map(ProductId::new);
    Optional<String> containing =
        Optional.ofNullable(query).map(String::strip).filter(q -> !q.isEmpty());
    if (containing.isPresent() && containing.get().length() > MAX_QUERY_LENGTH) {
      throw DomainException.invalidField(
          "q", "a search is at most " + MAX_QUERY_LENGTH + " characters");
    }
    List<Product> fetched = products.listLive(after, size + 1, containing);
    boolean more = fetched.size() > size;
    List<Product> page = more ? fetched.subList(0, size) : fetched;
    return new Page<>(
        page, more ? Optional.of(PageToken.of(page.getLast().id().value())) : Optional.empty());
  }

  /** Live products by id, in one call; ids that are absent or deleted are simply missing. */
  public Map<ProductId, Product> batchGet(Collection<ProductId> ids) {
    if (ids.size() > MAX_BATCH) {
      throw DomainException.invalidField("ids", "at most " + MAX_BATCH + " ids per call");
    }
    return products.findLive(new LinkedHashSet<>(ids)).stream()
        .collect(Collectors.toMap(Product::id, Function.identity()));
  }

  private static DomainException notFound(ProductId id) {
    return DomainException.notFound("product", id.toString());
  }
}
