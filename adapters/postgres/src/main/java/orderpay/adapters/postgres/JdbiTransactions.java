package orderpay.adapters.postgres;

import io.opentelemetry.api.trace.SpanKind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import orderpay.adapters.telemetry.Traces;
import orderpay.domain.shared.Transactions;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * The domain's {@link Transactions} over Jdbi. The open transaction's handle is bound to the
 * current thread, so every repository and the outbox publisher called inside join it.
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
  }

  /** Runs on the current transaction's handle, or on a short-lived one outside a transaction. */
  public <T> T withHandle(HandleCallback<T, RuntimeException> callback) {
    Handle handle = current.get();
    return handle != null ? callback.withHandle(handle) : jdbi.withHandle(callback);
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
