package orderpay.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BoundedLruTest {

  private record Value(boolean pinned) {}

  @Test
  void evictsTheLeastRecentlyUsedFirst() {
    var lru = new BoundedLru<String, Value>(2, v -> true);
    lru.getOrCreate("a", () -> new Value(false));
    lru.getOrCreate("b", () -> new Value(false));
    lru.getOrCreate("a", () -> new Value(false)); // a is now the most recent
    lru.getOrCreate("c", () -> new Value(false));
    assertThat(lru.contains("a")).isTrue();
    assertThat(lru.contains("b")).isFalse();
    assertThat(lru.contains("c")).isTrue();
  }

  @Test
  void skipsEntriesThatMayNotGoAndEvictsTheEldestOnlyWhenAllAreProtected() {
    var lru = new BoundedLru<String, Value>(3, v -> !v.pinned());
    lru.getOrCreate("pinned", () -> new Value(true));
    lru.getOrCreate("x", () -> new Value(false));
    lru.getOrCreate("y", () -> new Value(false));
    for (int i = 0; i < 100; i++) {
      lru.getOrCreate("spray" + i, () -> new Value(false));
    }
    assertThat(lru.size()).isEqualTo(3);
    assertThat(lru.contains("pinned")).isTrue();

    var all = new BoundedLru<String, Value>(2, v -> !v.pinned());
    all.getOrCreate("p1", () -> new Value(true));
    all.getOrCreate("p2", () -> new Value(true));
    var created = new AtomicBoolean();
    all.getOrCreate(
        "p3",
        () -> {
          created.set(true);
          return new Value(true);
        });
    assertThat(created).isTrue();
    assertThat(all.size()).isEqualTo(2);
    assertThat(all.contains("p1")).as("the eldest goes when none may").isFalse();
  }
}
