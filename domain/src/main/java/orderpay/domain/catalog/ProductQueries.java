package orderpay.domain.catalog;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.Page;
import orderpay.domain.shared.PageToken;

/** Reading the catalogue: only live products; a deleted one is not found, listed nor priced. */
public record ProductQueries(ProductRepository products) {
  public static final int MAX_BATCH = 200;
  public static final int MAX_QUERY_LENGTH = 100;

  public Product get(ProductId id) {
    return LiveProducts.get(products, id);
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
}
