package orderpay.adapters.kafka;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Set;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;

/**
 * Failures of the infrastructure rather than of the message: the database or a downstream service
 * is away. Such a message is retried until it goes through, never parked: parking it would turn a
 * short outage into lost stock commits or missing emails.
 */
public final class TransientFailure {
  /** Connection problems, serialization failures, deadlocks, shutdowns, too many connections. */
  private static final Set<String> TRANSIENT_SQL_STATES =
      Set.of("40001", "40P01", "57P01", "57P02", "57P03", "53300");

  private TransientFailure() {}

  public static boolean isTransient(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientException || t instanceof IOException) {
        return true;
      }
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08")
              || TRANSIENT_SQL_STATES.contains(sql.getSQLState()))) {
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
