package orderpay.domain.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import orderpay.domain.shared.BoundedMemory;
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
  private final BoundedMemory<UserId, Remembered> remembered = new BoundedMemory<>(CAPACITY);

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
    var known = remembered.recall(userId).filter(entry -> now.isBefore(entry.until()));
    if (known.isPresent()) {
      return Optional.of(known.get().recipient());
    }
    var found = directory.find(userId);
    if (found.isPresent()) {
      remembered.remember(userId, new Remembered(found.get(), now.plus(keepFor)));
    } else {
      remembered.forget(userId);
    }
    return found;
  }

  /** How many recipients are remembered now. */
  int remembered() {
    return remembered.size();
  }
}
