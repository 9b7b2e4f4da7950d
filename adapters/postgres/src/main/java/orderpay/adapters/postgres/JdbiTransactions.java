package orderpay.adapters.postgres;

import io.opentelemetry.api.trace.SpanKind;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import orderpay.adapters.telemetry.Traces;
import orderpay.domain.shared.Transactions;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

/**
 * The domain's {@link Transactions} over Jdbi. The open transaction's handle is bound to the
 * current thread, so every repository and the outbox publisher called inside join it. The statement
 * shapes every Jdbi repository repeats run on that handle (or a short-lived one outside a
 * transaction): one row or none, a list of rows, an update's count; the SQL and its bindings stay
 * with the caller, side by side.
 */
public final class JdbiTransactions implements Transactions {
  private final Jdbi jdbi;
  private final ThreadLocal<Handle> current = new ThreadLocal<>();
  // values that live as long as the current transaction, each with what to do before it commits
  private final ThreadLocal<Map<Object, Bound<?>>> bound = new ThreadLocal<>();

  private record Bound<B>(B value, Consumer<B> beforeCommit) {
    void flush() {
      beforeCommit.accept(value);
    }
  }

  public JdbiTransactions(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    if (current.get() != null) {
      return work.get(); // nested: join the outer transaction
    }
    // inside a trace the transaction is a span of it (a poller's empty rounds make none)
    try {
      return Traces.child(
          "postgresql transaction",
          SpanKind.CLIENT,
          () ->
              jdbi.inTransaction(
                  handle -> {
                    current.set(handle);
                    try {
                      T result = work.get();
                      flushBound();
                      return result;
                    } finally {
                      current.remove();
                      bound.remove();
                    }
                  }));
    } catch (RuntimeException failure) {
      throw DatabaseUnavailable.translate(failure);
    }
  }

  /** Runs on the current transaction's handle, or on a short-lived one outside a transaction. */
  public <T> T withHandle(HandleCallback<T, RuntimeException> callback) {
    Handle handle = current.get();
    if (handle != null) {
      return callback.withHandle(handle); // the outermost transaction translates its failure
    }
    try {
      return jdbi.withHandle(callback);
    } catch (RuntimeException failure) {
      throw DatabaseUnavailable.translate(failure);
    }
  }

  /** {@code select} locking the rows it reads until the transaction ends. */
  public static String forUpdate(String select) {
    return select + " FOR UPDATE";
  }

  /** The row {@code sql} finds, if any. */
  public <T> Optional<T> one(String sql, UnaryOperator<Query> binds, RowMapper<T> rows) {
    return withHandle(h -> binds.apply(h.createQuery(sql)).map(rows).findOne());
  }

  /** The row {@code sql} finds with its one parameter {@code name} bound to {@code value}. */
  public <T> Optional<T> oneBy(String sql, String name, Object value, RowMapper<T> rows) {
    return one(sql, q -> q.bind(name, value), rows);
  }

  /** Every row {@code sql} finds, in the order it returns them. */
  public <T> List<T> list(String sql, UnaryOperator<Query> binds, RowMapper<T> rows) {
    return withHandle(h -> binds.apply(h.createQuery(sql)).map(rows).list());
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
    return withHandle(h -> binds.apply(h.createUpdate(sql)).execute());
  }

  /**
   * Whether {@code sql} changed exactly one row: an insert that met no conflict, a guarded update
   * whose condition held.
   */
  public boolean updatedOne(String sql, UnaryOperator<Update> binds) {
    return update(sql, binds) == 1;
  }

  /**
   * Runs {@code effect} once the current transaction has committed (never if it rolls back); at
   * once outside a transaction, where the statement before it has committed already.
   */
  public void afterCommit(Runnable effect) {
    Handle handle = current.get();
    if (handle == null) {
      effect.run();
    } else {
      handle.afterCommit(effect::run);
    }
  }

  /**
   * The value bound to {@code key} for the rest of the current transaction, made by {@code create}
   * on first use; {@code beforeCommit} runs on it once the transaction's work is done, as its last
   * statements (never if it rolls back, and the value is dropped either way). Writers use it to
   * collect rows and write them in one statement.
   */
  @SuppressWarnings("unchecked")
  public <B> B boundToTransaction(Object key, Supplier<B> create, Consumer<B> beforeCommit) {
    requireTransaction();
    var values = bound.get();
    if (values == null) {
      values = new LinkedHashMap<>();
      bound.set(values);
    }
    return ((Bound<B>) values.computeIfAbsent(key, k -> new Bound<>(create.get(), beforeCommit)))
        .value();
  }

  private void flushBound() {
    var values = bound.get();
    while (values != null && !values.isEmpty()) {
      var first = values.keySet().iterator().next();
      values.remove(first).flush(); // a flush that binds more is flushed too
    }
  }

  /** Whether the calling thread is inside {@link #inTransaction}. */
  public boolean inTransactionNow() {
    return current.get() != null;
  }

  /** The open transaction's handle; fails loudly where a transaction is required. */
  public Handle requireTransaction() {
    Handle handle = current.get();
    if (handle == null) {
      throw new IllegalStateException("this write must run inside Transactions.inTransaction");
    }
    return handle;
  }
}
