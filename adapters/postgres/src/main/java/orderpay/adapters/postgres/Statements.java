package orderpay.adapters.postgres;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

/**
 * The statement shapes every Jdbi repository repeats, each run on the current transaction's handle
 * (or a short-lived one outside a transaction): one row or none, a list of rows, an update's count.
 * The SQL and its bindings stay with the caller, side by side.
 */
public final class Statements {
  private final JdbiTransactions transactions;

  public Statements(JdbiTransactions transactions) {
    this.transactions = transactions;
  }

  /** {@code select} locking the rows it reads until the transaction ends. */
  public static String forUpdate(String select) {
    return select + " FOR UPDATE";
  }

  /** The row {@code sql} finds, if any. */
  public <T> Optional<T> one(String sql, UnaryOperator<Query> binds, RowMapper<T> rows) {
    return transactions.withHandle(h -> binds.apply(h.createQuery(sql)).map(rows).findOne());
  }

  /** The row {@code sql} finds with its one parameter {@code name} bound to {@code value}. */
  public <T> Optional<T> oneBy(String sql, String name, Object value, RowMapper<T> rows) {
    return one(sql, q -> q.bind(name, value), rows);
  }

  /** Every row {@code sql} finds, in the order it returns them. */
  public <T> List<T> list(String sql, UnaryOperator<Query> binds, RowMapper<T> rows) {
    return transactions.withHandle(h -> binds.apply(h.createQuery(sql)).map(rows).list());
  }

  /**
   * The rows {@code sql} finds for {@code ids}, bound as the uuid array {@code :ids}; asked for
   * none, it finds none without a round trip.
   */
  public <T> List<T> listForIds(String sql, Collection<UUID> ids, RowMapper<T> rows) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return list(sql, q -> q.bindArray("ids", UUID.class, List.copyOf(ids)), rows);
  }

  /** How many rows {@code sql} inserted, changed or deleted. */
  public int update(String sql, UnaryOperator<Update> binds) {
    return transactions.withHandle(h -> binds.apply(h.createUpdate(sql)).execute());
  }

  /**
   * Whether {@code sql} changed exactly one row: an insert that met no conflict, a guarded update
   * whose condition held.
   */
  public boolean updatedOne(String sql, UnaryOperator<Update> binds) {
    return update(sql, binds) == 1;
  }
}
