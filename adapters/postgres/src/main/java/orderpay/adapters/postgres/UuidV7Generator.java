package orderpay.adapters.postgres;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import orderpay.domain.shared.IdGenerator;

/** Time-ordered UUIDs (RFC 9562 version 7): new rows land at the end of the primary-key index. */
public final class UuidV7Generator implements IdGenerator {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Clock clock;

  public UuidV7Generator(Clock clock) {
    this.clock = clock;
  }

  @Override
  public UUID newId() {
    long millis = clock.millis();
    long random = RANDOM.nextLong();
    long high = (millis << 16) | 0x7000L | (random >>> 52 & 0x0FFFL);
    long low = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(high, low);
  }
}
