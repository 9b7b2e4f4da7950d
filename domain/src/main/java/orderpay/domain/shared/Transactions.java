package orderpay.domain.shared;

import java.util.function.Supplier;

/**
 * Runs work in one database transaction: every repository write and every event published inside
 * commits together or not at all (the outbox rule).
 */
public interface Transactions {
  <T> T inTransaction(Supplier<T> work);

  default void run(Runnable work) {
    inTransaction(
        () -> {
          work.run();
          return null;
        });
  }
}
