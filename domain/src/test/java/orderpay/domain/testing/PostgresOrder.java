package orderpay.domain.testing;

import java.util.Comparator;
import java.util.UUID;

/**
 * UUIDs in the order PostgreSQL sorts them: byte by byte, unsigned. {@link UUID#compareTo} compares
 * signed halves, so a fake sorting by it pages random ids differently from the database.
 */
public final class PostgresOrder {
  public static final Comparator<UUID> UUIDS =
      Comparator.comparing(UUID::getMostSignificantBits, Long::compareUnsigned)
          .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);

  private PostgresOrder() {}
}
