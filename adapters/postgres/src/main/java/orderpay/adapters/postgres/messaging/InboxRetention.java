package orderpay.adapters.postgres.messaging;

import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/**
 * Forgets inbox rows older than the retention, a batch at a time, so the inbox stops growing. Safe
 * only while the retention is longer than any redelivery window: Kafka can hand an event back for
 * as long as its topic keeps it (7 days by default), so the default here is 14 days. An event
 * parked in a dead-letter topic was never applied and has no inbox row; replaying it later is safe.
 */
public final class InboxRetention {
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(14);
  public static final int BATCH = 5_000;

  private final Jdbi jdbi;
  private final Duration retention;
  private final Clock clock;

  public InboxRetention(Jdbi jdbi, Duration retention, Clock clock) {
    if (retention.compareTo(Duration.ofDays(1)) < 0) {
      throw new IllegalArgumentException(
          "INBOX_RETENTION must be at least a day (longer than the topics keep events), was "
              + retention);
    }
    this.jdbi = jdbi;
    this.retention = retention;
    this.clock = clock;
  }

  /** Deletes at most {@link #BATCH} expired rows; returns how many went. */
  public int forgetOneBatch() {
    var cutoff = clock.instant().minus(retention);
    return jdbi.withHandle(
        handle ->
            handle
                .createUpdate(
                    """
                    DELETE FROM inbox WHERE ctid IN (
                      SELECT ctid FROM inbox WHERE processed_at < :cutoff LIMIT :batch)
                    """)
                .bind("cutoff", cutoff)
                .bind("batch", BATCH)
                .execute());
  }
}
