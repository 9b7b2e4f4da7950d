package orderpay.adapters.postgres.inventory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import orderpay.adapters.postgres.JdbiTransactions;
import orderpay.domain.catalog.ProductId;
import orderpay.domain.inventory.InsufficientStock;
import orderpay.domain.inventory.ReservationLine;
import orderpay.domain.inventory.StockItem;
import orderpay.domain.inventory.StockRepository;
import org.jdbi.v3.core.Handle;

/**
 * Stock as guarded single-statement updates: {@code WHERE on_hand - reserved >= :q} decides under
 * the row lock, so concurrent reservations (from any number of replicas) cannot oversell, and the
 * table's CHECK constraints catch any bug that tried.
 */
public final class JdbiStockRepository implements StockRepository {
  private final JdbiTransactions transactions;

  public JdbiStockRepository(JdbiTransactions transactions) {
    this.transactions = transactions;
  }

  @Override
  public boolean addIfAbsent(ProductId productId, long onHand) {
    return transactions.withHandle(
        h ->
            h.createUpdate(
                        "INSERT INTO stock_items (product_id, on_hand) VALUES (:id, :onHand) ON CONFLICT DO NOTHING")
                    .bind("id", productId.value())
                    .bind("onHand", onHand)
                    .execute()
                == 1);
  }

  @Override
  public void discontinue(ProductId productId) {
    transactions.withHandle(
        h ->
            h.createUpdate(
                    """
                    INSERT INTO stock_items (product_id, on_hand, discontinued) VALUES (:id, 0, true)
                    ON CONFLICT (product_id) DO UPDATE SET discontinued = true, updated_at = now()
                    """)
                .bind("id", productId.value())
                .execute());
  }

  @Override
  public Optional<StockItem> find(ProductId productId) {
    return findOne(
        "SELECT product_id, on_hand, reserved FROM stock_items WHERE product_id = :id AND NOT discontinued",
        productId);
  }

  @Override
  public Optional<StockItem> findForUpdate(ProductId productId) {
    return findOne(
        "SELECT product_id, on_hand, reserved FROM stock_items WHERE product_id = :id AND NOT discontinued FOR UPDATE",
        productId);
  }

  private Optional<StockItem> findOne(String sql, ProductId productId) {
    return transactions.withHandle(
        h ->
            h.createQuery(sql)
                .bind("id", productId.value())
                .map((rs, ctx) -> toItem(rs))
                .findOne());
  }

  @Override
  public List<StockItem> findAll(Collection<ProductId> productIds) {
    if (productIds.isEmpty()) {
      return List.of();
    }
    return transactions.withHandle(
        h ->
            h.createQuery(
                    "SELECT product_id, on_hand, reserved FROM stock_items WHERE product_id = ANY(:ids) AND NOT discontinued")
                .bindArray("ids", UUID.class, productIds.stream().map(ProductId::value).toList())
                .map((rs, ctx) -> toItem(rs))
                .list());
  }

  @Override
  public void save(StockItem item) {
    transactions.withHandle(
        h ->
            h.createUpdate(
                    "UPDATE stock_items SET on_hand = :onHand, reserved = :reserved, updated_at = now() WHERE product_id = :id")
                .bind("id", item.productId().value())
                .bind("onHand", item.onHand())
                .bind("reserved", item.reserved())
                .execute());
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

  private static StockItem toItem(ResultSet rs) throws SQLException {
    return new StockItem(
        new ProductId(rs.getObject("product_id", UUID.class)),
        rs.getLong("on_hand"),
        rs.getLong("reserved"));
  }
}
