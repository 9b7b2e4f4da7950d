package orderpay.adapters.postgres.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import orderpay.adapters.postgres.Columns;
import orderpay.adapters.postgres.JdbiTransactions;
import orderpay.domain.catalog.Product;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.catalog.ProductRepository;
import orderpay.domain.money.Money;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

public record JdbiProductRepository(JdbiTransactions transactions) implements ProductRepository {
  private static final String SELECT_LIVE =
      "SELECT id, name, description, price_minor, currency, created_at, updated_at"
          + " FROM products WHERE deleted_at IS NULL";

  @Override
  public void add(Product product) {
    transactions.update(
        """
        INSERT INTO products (id, name, description, price_minor, currency, created_at, updated_at)
        VALUES (:id, :name, :description, :price, :currency, :createdAt, :updatedAt)
        """,
        insert -> bindFields(insert, product).bind("createdAt", product.createdAt()));
  }

  @Override
  public Optional<Product> findLiveForUpdate(ProductId id) {
    return findOne(JdbiTransactions.forUpdate(SELECT_LIVE + " AND id = :id"), id);
  }

  @Override
  public Optional<Product> findLive(ProductId id) {
    return findOne(SELECT_LIVE + " AND id = :id", id);
  }

  private Optional<Product> findOne(String select, ProductId id) {
    return transactions.oneBy(select, "id", id.value(), JdbiProductRepository::toProduct);
  }

  @Override
  public void update(Product product) {
    transactions.update(
        """
        UPDATE products SET name = :name, description = :description, price_minor = :price,
               currency = :currency, updated_at = :updatedAt
        WHERE id = :id AND deleted_at IS NULL
        """,
        update -> bindFields(update, product));
  }

  /** What an insert and an update both write. */
  private static <S extends SqlStatement<S>> S bindFields(S statement, Product product) {
    return statement
        .bind("id", product.id().value())
        .bind("name", product.name())
        .bind("description", product.description())
        .bind("price", product.price().amountMinor())
        .bind("currency", product.price().currencyCode())
        .bind("updatedAt", product.updatedAt());
  }

  @Override
  public boolean markDeleted(ProductId id, Instant at) {
    return transactions.updatedOne(
        "UPDATE products SET deleted_at = :at WHERE id = :id AND deleted_at IS NULL",
        u -> u.bind("id", id.value()).bind("at", at));
  }

  @Override
  public List<Product> listLive(Optional<ProductId> after, int limit, Optional<String> containing) {
    // a plain scan with ILIKE: fine for a shop's catalogue; pg_trgm would index it if it grows
    return transactions.list(
        SELECT_LIVE
            + " AND (CAST(:after AS uuid) IS NULL OR id > :after)"
            + " AND (CAST(:pattern AS text) IS NULL"
            + " OR name ILIKE :pattern ESCAPE '!' OR description ILIKE :pattern ESCAPE '!')"
            + " ORDER BY id LIMIT :limit",
        q ->
            q.bind("after", after.map(ProductId::value).orElse(null))
                .bind("pattern", containing.map(JdbiProductRepository::likePattern).orElse(null))
                .bind("limit", limit),
        JdbiProductRepository::toProduct);
  }

  @Override
  public List<Product> findLive(Collection<ProductId> ids) {
    return transactions.listForIds(
        SELECT_LIVE + " AND id = ANY(:ids)",
        ids.stream().map(ProductId::value).toList(),
        JdbiProductRepository::toProduct);
  }

  /**
   * {@code %text%} with LIKE's wildcards in the text taken literally ({@code !} escapes: Jdbi's
   * statement parser would take a backslash for its own).
   */
  static String likePattern(String text) {
    return "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
  }

  private static Product toProduct(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Product(
        new ProductId(Columns.uuid(rs, "id")),
        rs.getString("name"),
        rs.getString("description"),
        Money.of(rs.getLong("price_minor"), rs.getString("currency")),
        Columns.instant(rs, "created_at"),
        Columns.instant(rs, "updated_at"));
  }
}
