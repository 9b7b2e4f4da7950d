package orderpay.adapters.rest;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Per-key state the gateway keeps in memory (throttle counters, rate-limit buckets), bounded so a
 * flood of distinct keys cannot grow the heap. When full, the least recently used entry that {@code
 * mayEvict} allows goes first; if none may, the least recently used goes anyway, since a bounded
 * heap matters more than one counter. Not thread-safe: callers hold their own lock.
 */
final class BoundedLru<K, V> {
  private final int maxEntries;
  private final Predicate<V> mayEvict;
  private final LinkedHashMap<K, V> entries = new LinkedHashMap<>(16, 0.75f, true);

  BoundedLru(int maxEntries, Predicate<V> mayEvict) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
    }
    this.maxEntries = maxEntries;
    this.mayEvict = mayEvict;
  }

  /** The entry for {@code key}, created if absent; either way it becomes the most recently used. */
  V getOrCreate(K key, Supplier<V> create) {
    V existing = entries.get(key);
    if (existing != null) {
      return existing;
    }
    if (entries.size() >= maxEntries) {
      evictOne();
    }
    V created = create.get();
    entries.put(key, created);
    return created;
  }

  int size() {
    return entries.size();
  }

  boolean contains(K key) {
    return entries.containsKey(key);
  }

  /**
   * Removes the least recently used entry that may go (or the eldest if none may). Entries skipped
   * on the way are moved to the recent end, so the next eviction does not walk past them again.
   */
  private void evictOne() {
    var skipped = new ArrayList<K>();
    boolean evicted = false;
    for (Iterator<Map.Entry<K, V>> it = entries.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<K, V> entry = it.next();
      if (mayEvict.test(entry.getValue())) {
        it.remove();
        evicted = true;
        break;
      }
      skipped.add(entry.getKey());
    }
    if (!evicted) {
      entries.remove(skipped.removeFirst());
    }
    skipped.forEach(entries::get);
  }
}
