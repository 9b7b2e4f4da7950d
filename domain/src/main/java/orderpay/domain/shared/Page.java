package orderpay.domain.shared;

import java.util.List;
import java.util.Optional;

/** One page of a keyset-paged listing; {@code nextCursor} is absent on the last page. */
public record Page<T>(List<T> items, Optional<String> nextCursor) {
  public Page {
    items = List.copyOf(items);
  }

  public static final int DEFAULT_SIZE = 20;
  public static final int MAX_SIZE = 100;

  /** Clamps a client's page size into [1, MAX_SIZE]; zero or absent means the default. */
  public static int sizeOrDefault(int requested) {
    if (requested < 0) {
      throw DomainException.invalidField("page_size", "page_size must not be negative");
    }
    return requested == 0 ? DEFAULT_SIZE : Math.min(requested, MAX_SIZE);
  }
}
