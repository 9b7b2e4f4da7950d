package orderpay.runtime;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tells a waiting job there is work now, instead of letting it find out on its next poll: the side
 * that makes work (after its commit) calls {@link #run}; the job that does it attaches itself.
 * Before anything is attached, or after it stopped, a wake-up does nothing: the poll still finds
 * the work.
 */
public final class Wakeup implements Runnable {
  private final CopyOnWriteArrayList<Runnable> sleepers = new CopyOnWriteArrayList<>();

  void attach(Runnable sleeper) {
    sleepers.add(sleeper);
  }

  void detach(Runnable sleeper) {
    sleepers.remove(sleeper);
  }

  @Override
  public void run() {
    sleepers.forEach(Runnable::run);
  }
}
