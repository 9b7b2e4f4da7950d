package orderpay.domain.shared;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a service remembers to save a round trip, at most {@code capacity} entries. When full it
 * forgets everything at once: it is a cache, never a record, so forgetting costs one lookup and
 * never correctness, and a clear is simpler and cheaper than keeping an LRU order on a hot path.
 */
public final class BoundedMemory<K, V> {
  private final int capacity;
  private final ConcurrentHashMap<K, V> entries = new ConcurrentHashMap<>();

  public BoundedMemory(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, was " + capacity);
    }
    this.capacity = capacity;
  }

  public Optional<V> recall(K key) {
    return Optional.ofNullable(entries.get(key));
  }

  public boolean knows(K key) {
    return entries.containsKey(key);
  }

  public void remember(K key, V value) {
    if (entries.size() >= capacity && !entries.containsKey(key)) {
      entries.clear();
    }
    entries.put(key, value);
  }

  public void forget(K key) {
    entries.remove(key);
  }

  public int size() {
    return entries.size();
  }
}
