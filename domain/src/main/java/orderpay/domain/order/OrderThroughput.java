package orderpay.domain.order;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Orders created, paid and failed per minute over the last few minutes: the operator's pulse of the
 * shop. Counted from the orders' histories, so an order counts in the minute it moved, not in the
 * minute it was created.
 */
public final class OrderThroughput {
  /** The transitions counted. */
  public static final Set<HistoryKind> COUNTED =
      Set.of(HistoryKind.CREATED, HistoryKind.PAID, HistoryKind.FAILED);

  /** One minute, from {@code start} (a whole UTC minute). */
  public record Minute(Instant start, long created, long paid, long failed) {
    Minute plus(HistoryKind kind, long count) {
      return switch (kind) {
        case CREATED -> new Minute(start, created + count, paid, failed);
        case PAID -> new Minute(start, created, paid + count, failed);
        case FAILED -> new Minute(start, created, paid, failed + count);
        // the history counts only the three above; anything else was not asked for
        default -> this;
      };
    }
  }

  private OrderThroughput() {}

  /** The first minute of a window of {@code minutes} whole minutes that ends with now's minute. */
  public static Instant windowStart(Instant now, int minutes) {
    if (minutes < 1) {
      throw new IllegalArgumentException("a window holds at least one minute, got " + minutes);
    }
    return now.truncatedTo(ChronoUnit.MINUTES).minus(minutes - 1L, ChronoUnit.MINUTES);
  }

  /**
   * Every minute of the window ending with now's minute, oldest first, a quiet minute as zeros;
   * counts outside the window are left out.
   */
  public static List<Minute> bucket(
      Instant now, int minutes, List<OrderHistory.MinuteCount> counts) {
    Instant first = windowStart(now, minutes);
    var buckets = new ArrayList<Minute>(minutes);
    for (int i = 0; i < minutes; i++) {
      buckets.add(new Minute(first.plus(i, ChronoUnit.MINUTES), 0, 0, 0));
    }
    for (var count : counts) {
      long index =
          ChronoUnit.MINUTES.between(first, count.minute().truncatedTo(ChronoUnit.MINUTES));
      if (count.minute().isBefore(first) || index >= minutes) {
        continue;
      }
      int i = (int) index;
      buckets.set(i, buckets.get(i).plus(count.kind(), count.count()));
    }
    return List.copyOf(buckets);
  }
}
