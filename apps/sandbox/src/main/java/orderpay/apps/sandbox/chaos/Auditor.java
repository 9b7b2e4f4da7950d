package orderpay.apps.sandbox.chaos;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;
import orderpay.apps.sandbox.chaos.Finding.Violation;
import orderpay.runtime.Env;

/**
 * Checks a finished run against the invariants of issue 8 from the outside: every service's
 * database, the Stripe emulator's ledger, the SMTP catcher's mailbox and the load driver's log of
 * requests. It reads a consistent-enough snapshot once the system has settled (or the deadline
 * passed) and reports every invariant with the ids that break it; it never changes anything.
 */
public final class Auditor {
  /** One service's database. */
  public record Database(String url, String user, String password) {
    /** {@code <SERVICE>_DB_URL/_USER/_PASSWORD}, as every service reads them. */
    public static Database fromEnv(Env env, String service) {
      String prefix = service.toUpperCase(Locale.ROOT) + "_DB_";
      return new Database(
          env.required(prefix + "URL"),
          env.get(prefix + "USER", ""),
          env.get(prefix + "PASSWORD", ""));
    }

    Connection connect() throws SQLException {
      return DriverManager.getConnection(url, user, password);
    }
  }

  /** Where the auditor looks. */
  public record Sources(
      Database orders,
      Database payments,
      Database inventory,
      Database notifications,
      Supplier<StripeLedger> ledger,
      Mailbox mailbox,
      RequestLog requests) {
    public static Sources of(Env env, String ledgerUrl, Mailbox mailbox, RequestLog requests) {
      return new Sources(
          Database.fromEnv(env, "order"),
          Database.fromEnv(env, "payment"),
          Database.fromEnv(env, "inventory"),
          Database.fromEnv(env, "notification"),
          () -> StripeLedger.fetch(ledgerUrl),
          mailbox,
          requests);
    }
  }

  private final SnapshotReader reader;

  public Auditor(Sources sources) {
    this.reader = new SnapshotReader(sources);
  }

  /**
   * Waits until the system has settled or {@code deadline} passed (faults have healed when this is
   * called), then audits what it sees.
   */
  public AuditReport audit(Duration deadline) {
    Instant until = Instant.now().plus(deadline);
    Snapshot snapshot = reader.read();
    while (!snapshot.settled() && Instant.now().isBefore(until)) {
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      snapshot = reader.read();
    }
    return check(snapshot);
  }

  /** Every invariant, in order, with what breaks it. */
  static AuditReport check(Snapshot s) {
    return new AuditReport(
        Stream.of(Invariant.values()).map(i -> new Finding(i, violations(i, s))).toList());
  }

  private static List<Violation> violations(Invariant invariant, Snapshot s) {
    return switch (invariant) {
      case I1 -> StockChecks.stockNeverOversold(s);
      case I2 -> MoneyChecks.oneChargePerOrder(s);
      case I3 -> OrderChecks.everyOrderTerminal(s);
      case I4 -> EmailChecks.oneEmailPerEventAndTemplate(s);
      case I5 -> MoneyChecks.moneyAndStockConserved(s);
      case I6 -> OrderChecks.acceptedOrdersExist(s);
      case I7 -> OrderChecks.rejectedRequestsChangedNothing(s);
    };
  }
}
