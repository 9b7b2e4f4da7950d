package orderpay.adapters.kafka;

import org.apache.kafka.clients.consumer.Consumer;

/**
 * The value of a consumer's lag gauge: records not yet fetched, as of the last poll; unknown until
 * the first one.
 */
final class ConsumerLag {
  private volatile double lag = Double.NaN;

  /**
   * What the consumer has yet to fetch on its partitions, from what its last fetches learned of the
   * log ends (no broker round trip). Read right after a poll: a batch being applied is not counted,
   * the backlog behind it is. Partitions whose end is not known yet count as nothing.
   */
  void update(Consumer<String, byte[]> consumer) {
    long behind = 0;
    for (var partition : consumer.assignment()) {
      behind += consumer.currentLag(partition).orElse(0);
    }
    lag = behind;
  }

  double value() {
    return lag;
  }
}
