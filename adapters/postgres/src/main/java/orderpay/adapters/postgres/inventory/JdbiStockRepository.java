package orderpay.adapters.postgres.inventory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import orderpay.adapters.postgres.Columns;
import orderpay.adapters.postgres.JdbiTransactions;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.inventory.InsufficientStock;
import orderpay.domain.inventory.ReservationLine;
import orderpay.domain.inventory.StockItem;
import orderpay.domain.inventory.StockRepository;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Stock as guarded single-statement updates: {@code WHERE on_hand - reserved >= :q} decides under
 * the row lock, so concurrent reservations (from any number of replicas) cannot oversell, and the
 * table's CHECK constraints catch any bug that tried.
 */
public record JdbiStockRepository(JdbiTransactions transactions) implements StockRepository {
  private static final String SELECT_STOCKED =
      "SELECT product_id, on_hand, reserved FROM stock_items WHERE NOT discontinued";

  @Override
  public boolean addIfAbsent(ProductId productId, long onHand) {
    return transactions.updatedOne(
        "INSERT INTO stock_items (product_id, on_hand) VALUES (:id, :onHand) ON CONFLICT DO NOTHING",
        insert -> insert.bind("id", productId.value()).bind("onHand", onHand));
  }

  @Override
  public void discontinue(ProductId productId) {
    transactions.update(
        """
        INSERT INTO stock_items (product_id, on_hand, discontinued) VALUES (:id, 0, true)
        ON CONFLICT (product_id) DO UPDATE SET discontinued = true, updated_at = now()
        """,
        insert -> insert.bind("id", productId.value()));
  }

  @Override
  public Optional<StockItem> find(ProductId productId) {
    return findOne(SELECT_STOCKED + " AND product_id = :id", productId);
  }

  @Override
  public Optional<StockItem> findForUpdate(ProductId productId) {
    return findOne(JdbiTransactions.forUpdate(SELECT_STOCKED + " AND product_id = :id"), productId);
  }

  private Optional<StockItem> findOne(String select, ProductId productId) {
    return transactions.oneBy(select, "id", productId.value(), JdbiStockRepository::toItem);
  }

  @Override
  public List<StockItem> findAll(Collection<ProductId> productIds) {
    return transactions.listForIds(
        SELECT_STOCKED + " AND product_id = ANY(:ids)",
        productIds.stream().map(ProductId::value).toList(),
        JdbiStockRepository::toItem);
  }

  @Override
  public void save(StockItem item) {
    transactions.update(
        "UPDATE stock_items SET on_hand = :onHand, reserved = :reserved, updated_at = now() WHERE product_id = :id",
        u ->
            u.bind("id", item.productId().value())
                .bind("onHand", item.onHand())
                .bind("reserved", item.reserved()));
  }

  @Override
  public List<InsufficientStock.Shortage> tryReserve(List<ReservationLine> lines) {
    return transactions.withHandle(
        h -> {
          var shortages = new ArrayList<InsufficientStock.Shortage>();
          for (ReservationLine line : lines) {
            int updated =
                h.createUpdate(
                        """
                        UPDATE stock_items SET reserved = reserved + :q, updated_at = now()
                        WHERE product_id = :id AND NOT discontinued AND on_hand - reserved >= :q
                        """)
                    .bind("id", line.productId().value())
                    .bind("q", line.quantity())
                    .execute();
            if (updated == 0) {
              shortages.add(
                  new InsufficientStock.Shortage(
                      line.productId(), line.quantity(), available(h, line.productId())));
            }
          }
          return shortages;
        });
  }

  private static long available(Handle h, ProductId productId) {
    return h.createQuery(
            "SELECT on_hand - reserved FROM stock_items WHERE product_id = :id AND NOT discontinued")
        .bind("id", productId.value())
        .mapTo(Long.class)
        .findOne()
        .orElse(0L);
  }

  @Override
  public void release(List<ReservationLine> lines) {
    apply(
        lines,
        "UPDATE stock_items SET reserved = reserved - :q, updated_at = now() WHERE product_id = :id");
  }

  @Override
  public void commit(List<ReservationLine> lines) {
    apply(
        lines,
        "UPDATE stock_items SET on_hand = on_hand - :q, reserved = reserved - :q, updated_at = now() WHERE product_id = :id");
  }

  @Override
  public void restock(List<ReservationLine> lines) {
    apply(
        lines,
        "UPDATE stock_items SET on_hand = on_hand + :q, updated_at = now() WHERE product_id = :id");
  }

  private void apply(List<ReservationLine> lines, String sql) {
    transactions.withHandle(
        h -> {
          for (ReservationLine line : lines) {
            h.createUpdate(sql)
                .bind("id", line.productId().value())
                .bind("q", line.quantity())
                .execute();
          }
          return null;
        });
  }

  private static StockItem toItem(ResultSet rs, StatementContext ctx) throws SQLException {
    return new StockItem(
        new ProductId(Columns.uuid(rs, "product_id")),
        rs.getLong("on_hand"),
        rs.getLong("reserved"));
  }
}
