package orderpay.domain.catalog;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import orderpay.domain.shared.DomainException;

/**
 * What the product use cases share: a live product or NOT_FOUND (a deleted one is not found
 * either), and the time as the product is stored.
 */
final class LiveProducts {
  private LiveProducts() {}

  static Product get(ProductRepository products, ProductId id) {
    return products.findLive(id).orElseThrow(() -> notFound(id));
  }

  /** Locked until the transaction ends, so concurrent changes of one product apply in turn. */
  static Product lockForChange(ProductRepository products, ProductId id) {
    return products.findLiveForUpdate(id).orElseThrow(() -> notFound(id));
  }

  /** Stored to the microsecond: truncated now, so the answer equals every later read. */
  static Instant storedNow(Clock clock) {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static DomainException notFound(ProductId id) {
    return DomainException.notFound("product", id.toString());
  }
}
