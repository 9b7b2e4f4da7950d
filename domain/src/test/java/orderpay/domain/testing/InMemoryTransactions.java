package orderpay.domain.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import orderpay.domain.shared.Transactions;

/** Transactions over in-memory fakes that roll back like a database: all effects or none. */
public final class InMemoryTransactions implements Transactions {
  /** A fake store whose whole state can be copied and put back. */
  public interface Snapshottable {
    Object snapshot();

    void restore(Object snapshot);
  }

  private final List<Snapshottable> stores;
  private int depth;

  public InMemoryTransactions(Snapshottable... stores) {
    this.stores = List.of(stores);
  }

  @Override
  public synchronized <T> T inTransaction(Supplier<T> work) {
    if (depth > 0) {
      return work.get();
    }
    var snapshots = new ArrayList<Object>();
    stores.forEach(store -> snapshots.add(store.snapshot()));
    depth++;
    try {
      return work.get();
    } catch (RuntimeException e) {
      for (int i = 0; i < stores.size(); i++) {
        stores.get(i).restore(snapshots.get(i));
      }
      throw e;
    } finally {
      depth--;
    }
  }
}
