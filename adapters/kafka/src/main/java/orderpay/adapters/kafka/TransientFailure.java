package orderpay.adapters.kafka;

import java.io.IOException;
import orderpay.adapters.postgres.DatabaseUnavailable;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;

/**
 * Failures of the infrastructure rather than of the message: the database or a downstream service
 * is away. Such a message is retried until it goes through, never parked: parking it would turn a
 * short outage into lost stock commits or missing emails.
 */
public final class TransientFailure {
  private TransientFailure() {}

  public static boolean isTransient(Throwable failure) {
    if (DatabaseUnavailable.matches(failure)) {
      return true;
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
      if (t instanceof DomainException domain && domain.kind() == ErrorKind.UNAVAILABLE) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
