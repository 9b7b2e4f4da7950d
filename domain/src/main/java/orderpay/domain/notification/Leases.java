package orderpay.domain.notification;

import java.time.Duration;
import java.time.Instant;
import orderpay.domain.shared.IdGenerator;

/**
 * The leases messages are sent under: each claim a fresh token, each as long as the policy says.
 * Shared by {@link DispatchNotifications} and {@link SendSms}.
 */
public record Leases(IdGenerator ids, Duration length) {

  Lease fresh(Instant now) {
    return new Lease(ids.newId(), now.plus(length));
  }

  /** The same token for another full length: messages it holds stay held. */
  Lease renewed(Lease lease, Instant now) {
    return new Lease(lease.token(), now.plus(length));
  }

  /** Half of it is spent: renew before sending more, so it does not run out mid-send. */
  boolean halfSpent(Lease held, Instant now) {
    return held.until().minus(length.dividedBy(2)).isBefore(now);
  }
}
