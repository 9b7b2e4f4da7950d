package orderpay.adapters.postgres;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import orderpay.domain.shared.IdGenerator;

/**
 * Time-ordered UUIDs (RFC 9562 version 7), monotonic within this generator: ids made in the same
 * millisecond count up in the 12-bit {@code rand_a} field (RFC 9562 §6.2, method 1), so keyset
 * pages in id order are creation order and new rows land at the end of the primary-key index.
 */
public final class UuidV7Generator implements IdGenerator {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Clock clock;
  private long lastMillis = -1;
  private int sequence;

  public UuidV7Generator(Clock clock) {
    this.clock = clock;
  }

  @Override
  public UUID newId() {
    long millis;
    int seq;
    synchronized (this) {
      millis = Math.max(clock.millis(), lastMillis);
      if (millis == lastMillis) {
        sequence++;
        if (sequence > 0xFFF) { // 4096 ids in one millisecond: borrow the next one
          millis++;
          sequence = RANDOM.nextInt(0x800);
        }
      } else {
        sequence = RANDOM.nextInt(0x800); // start in the lower half: room to count up
      }
      lastMillis = millis;
      seq = sequence;
    }
    long high = (millis << 16) | 0x7000L | seq;
    long low = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(high, low);
  }
}
