package orderpay.adapters.postgres;

import io.opentelemetry.api.trace.SpanKind;
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
                    return work.get();
                  } finally {
                    current.remove();
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

  /** The open transaction's handle; fails loudly where a transaction is required. */
  public Handle requireTransaction() {
    Handle handle = current.get();
    if (handle == null) {
      throw new IllegalStateException("this write must run inside Transactions.inTransaction");
    }
    return handle;
  }
}
