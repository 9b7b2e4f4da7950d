package orderpay.adapters.postgres.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import orderpay.adapters.postgres.JdbiTransactions;
import orderpay.domain.catalog.Product;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.catalog.ProductRepository;
import orderpay.domain.money.Money;

public final class JdbiProductRepository implements ProductRepository {
  private static final String COLUMNS =
      "id, name, description, price_minor, currency, created_at, updated_at";
  private final JdbiTransactions transactions;

  public JdbiProductRepository(JdbiTransactions transactions) {
    this.transactions = transactions;
  }

  @Override
  public void add(Product product) {
    transactions.withHandle(
        h ->
            h.createUpdate(
                    """
                    INSERT INTO products (id, name, description, price_minor, currency, created_at, updated_at)
                    VALUES (:id, :name, :description, :price, :currency, :createdAt, :updatedAt)
                    """)
                .bind("id", product.id().value())
                .bind("name", product.name())
                .bind("description", product.description())
                .bind("price", product.price().amountMinor())
                .bind("currency", product.price().currencyCode())
                .bind("createdAt", product.createdAt())
                .bind("updatedAt", product.updatedAt())
                .execute());
  }

  @Override
  public Optional<Product> findLiveForUpdate(ProductId id) {
    return findOne(
        "SELECT " + COLUMNS + " FROM products WHERE id = :id AND deleted_at IS NULL FOR UPDATE",
        id);
  }

  @Override
  public Optional<Product> findLive(ProductId id) {
    return findOne(
        "SELECT " + COLUMNS + " FROM products WHERE id = :id AND deleted_at IS NULL", id);
  }

  private Optional<Product> findOne(String sql, ProductId id) {
    return transactions.withHandle(
        h -> h.createQuery(sql).bind("id", id.value()).map((rs, ctx) -> toProduct(rs)).findOne());
  }

  @Override
  public void update(Product product) {
    transactions.withHandle(
        h ->
            h.createUpdate(
                    """
                    UPDATE products SET name = :name, description = :description, price_minor = :price,
                           currency = :currency, updated_at = :updatedAt
                    WHERE id = :id AND deleted_at IS NULL
                    """)
                .bind("id", product.id().value())
                .bind("name", product.name())
                .bind("description", product.description())
                .bind("price", product.price().amountMinor())
                .bind("currency", product.price().currencyCode())
                .bind("updatedAt", product.updatedAt())
                .execute());
  }

  @Override
  public boolean markDeleted(ProductId id, Instant at) {
    return transactions.withHandle(
        h ->
            h.createUpdate(
                        "UPDATE products SET deleted_at = :at WHERE id = :id AND deleted_at IS NULL")
                    .bind("id", id.value())
                    .bind("at", at)
                    .execute()
                == 1);
  }

  @Override
  public List<Product> listLive(Optional<ProductId> after, int limit, Optional<String> containing) {
    // a plain scan with ILIKE: fine for a shop's catalogue; pg_trgm would index it if it grows
    return transactions.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM products WHERE deleted_at IS NULL AND (CAST(:after AS uuid) IS NULL OR id > :after)"
                        + " AND (CAST(:pattern AS text) IS NULL"
                        + " OR name ILIKE :pattern ESCAPE '!' OR description ILIKE :pattern ESCAPE '!')"
                        + " ORDER BY id LIMIT :limit")
                .bind("after", after.map(ProductId::value).orElse(null))
                .bind("pattern", containing.map(JdbiProductRepository::likePattern).orElse(null))
                .bind("limit", limit)
                .map((rs, ctx) -> toProduct(rs))
                .list());
  }

  @Override
  public List<Product> findLive(Collection<ProductId> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return transactions.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM products WHERE id = ANY(:ids) AND deleted_at IS NULL")
                .bindArray("ids", UUID.class, ids.stream().map(ProductId::value).toList())
                .map((rs, ctx) -> toProduct(rs))
                .list());
  }

  /**
   * {@code %text%} with LIKE's wildcards in the text taken literally ({@code !} escapes: Jdbi's
   * statement parser would take a backslash for its own).
   */
  static String likePattern(String text) {
    return "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
  }

  private static Product toProduct(ResultSet rs) throws SQLException {
    return new Product(
        new ProductId(rs.getObject("id", UUID.class)),
        rs.getString("name"),
        rs.getString("description"),
        Money.of(rs.getLong("price_minor"), rs.getString("currency")),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
