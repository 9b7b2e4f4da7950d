package orderpay.domain.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import orderpay.domain.user.UserId;

/**
 * Remembers the recipients another directory found, for a while. Every paid order sends two emails
 * to the same customer, each batch asking the user service again; names and addresses do not change
 * today (no API changes them), and the time limit bounds how stale one could be once an API does.
 * Only found recipients are remembered: an unknown user or an outage is asked about again.
 */
public final class RememberedRecipients implements UserDirectory {
  static final int CAPACITY = 10_000;

  private record Remembered(Recipient recipient, Instant until) {}

  private final UserDirectory directory;
  private final Duration keepFor;
  private final Clock clock;
  private final ConcurrentHashMap<UserId, Remembered> remembered = new ConcurrentHashMap<>();

  public RememberedRecipients(UserDirectory directory, Duration keepFor, Clock clock) {
    this.directory = directory;
    this.keepFor = keepFor;
    this.clock = clock;
  }

  @Override
  public Optional<Recipient> find(UserId userId) {
    if (userId == null) {
      return directory.find(null);
    }
    Instant now = clock.instant();
    var known = remembered.get(userId);
    if (known != null && now.isBefore(known.until())) {
      return Optional.of(known.recipient());
    }
    var found = directory.find(userId);
    if (found.isPresent()) {
      if (remembered.size() >= CAPACITY) {
        remembered.clear(); // a cache, not a record: bounded, refilled on demand
      }
      remembered.put(userId, new Remembered(found.get(), now.plus(keepFor)));
    } else {
      remembered.remove(userId);
    }
    return found;
  }

  /** How many recipients are remembered now. */
  int remembered() {
    return remembered.size();
  }
}
