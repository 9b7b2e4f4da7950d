package orderpay.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidV7GeneratorTest {
  /** PostgreSQL's uuid order: unsigned bytes. */
  private static final Comparator<UUID> POSTGRES_ORDER =
      Comparator.comparing((UUID u) -> u.getMostSignificantBits(), Long::compareUnsigned)
          .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);

  @Test
  void idsFromOneMillisecondAreStillInCreationOrder() {
    var frozen = Clock.fixed(Instant.parse("2026-11-26T05:00:00Z"), ZoneOffset.UTC);
    var ids = new UuidV7Generator(frozen);
    var made = new ArrayList<UUID>();
    for (int i = 0; i < 10_000; i++) { // more than fit in one millisecond's counter
      made.add(ids.newId());
    }
    var sorted = new ArrayList<>(made);
    sorted.sort(POSTGRES_ORDER);
    assertThat(sorted).containsExactlyElementsOf(made);
    assertThat(made).allSatisfy(id -> assertThat(id.version()).isEqualTo(7));
    assertThat(made.getFirst().getMostSignificantBits() >>> 16).isEqualTo(frozen.millis());
  }

  @Test
  void aClockThatStepsBackDoesNotBreakTheOrder() {
    var clock =
        new Clock() {
          long now = 1_000_000;

          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return Instant.ofEpochMilli(now);
          }
        };
    var ids = new UuidV7Generator(clock);
    UUID before = ids.newId();
    clock.now -= 50;
    UUID after = ids.newId();
    assertThat(POSTGRES_ORDER.compare(before, after)).isNegative();
  }
}
