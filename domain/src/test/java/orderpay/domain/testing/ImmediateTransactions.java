package orderpay.domain.testing;

import java.util.function.Supplier;
import orderpay.domain.shared.Transactions;

/** Runs work directly; counts transactions so tests can assert how many a use case opens. */
public final class ImmediateTransactions implements Transactions {
  public int opened;

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    opened++;
    return work.get();
  }
}
