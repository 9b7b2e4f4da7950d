package orderpay.adapters.postgres;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Set;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database could not do the work now, though the work itself is fine: no connection (PostgreSQL
 * down, the pool exhausted under overload), a shutdown, too many connections, a serialization
 * failure or deadlock. In the ports' language that is {@link ErrorKind#UNAVAILABLE}: callers answer
 * "try again" (gRPC UNAVAILABLE, HTTP 503) rather than an internal error, and consumers wait it
 * out.
 */
public final class DatabaseUnavailable extends DomainException {
  private static final long serialVersionUID = 1L;

  /**
   * Serialization failure, deadlock, admin/crash shutdown, cannot connect now, too many clients.
   */
  private static final Set<String> TRY_AGAIN_STATES =
      Set.of("40001", "40P01", "57P01", "57P02", "57P03", "53300");

  private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailable.class);

  private DatabaseUnavailable() {
    super(ErrorKind.UNAVAILABLE, "unavailable", "the database is unavailable, try again");
  }

  /**
   * {@code failure} as the domain's UNAVAILABLE if it is such a failure (logged here: the answer
   * says no more than "try again"); otherwise unchanged.
   */
  static RuntimeException translate(RuntimeException failure) {
    if (failure instanceof DomainException || !matches(failure)) {
      return failure;
    }
    log.warn("the database is unavailable: {}", failure.toString());
    return new DatabaseUnavailable();
  }

  /** Whether {@code failure}, or anything that caused it, says the database cannot work now. */
  public static boolean matches(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientException) {
        return true; // includes the pool's "connection is not available" timeout
      }
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08") || TRY_AGAIN_STATES.contains(sql.getSQLState()))) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
