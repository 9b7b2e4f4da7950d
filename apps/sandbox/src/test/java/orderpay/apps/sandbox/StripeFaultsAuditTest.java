package orderpay.apps.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import orderpay.apps.sandbox.chaos.AuditReport;
import orderpay.apps.sandbox.chaos.Auditor;
import orderpay.apps.sandbox.chaos.LoadDriver;
import orderpay.apps.sandbox.chaos.Mailbox;
import orderpay.apps.sandbox.chaos.RequestLog;
import org.junit.jupiter.api.Test;

/**
 * A seeded load while the Stripe emulator answers 500s, loses answers after charging, and
 * duplicates and reorders webhooks; the faults heal, then the audit must pass. It prints, for each
 * violation, the driver's requests, the ledger entries and the order and payment rows involved.
 * Override the faults with {@code -Dfaults='{"seed":5,"lost_answer_rate":0.3}'}.
 */
class StripeFaultsAuditTest {
  @Test
  void moneyStockAndOrdersStayConsistentUnderStripeApiFaults() throws Exception {
    // a customer whose cancel met a Stripe fault leaves the order PENDING: it must expire (and its
    // intent be closed) within the audit's deadline, so the payment window is short here
    try (var system =
        RunningSandbox.start(
            StripeFaultsAuditTest.class,
            java.util.Map.of(
                "ORDER_PAYMENT_TTL", "15s",
                "ORDER_SWEEP_INTERVAL", "1s",
                "ORDER_RECOVERY_GRACE", "3s",
                "PAYMENT_RECONCILE_AFTER", "3s",
                "PAYMENT_RECONCILE_INTERVAL", "1s"))) {
      var emulator = system.sandbox.emulator().orElseThrow();
      var mail = system.sandbox.mail().orElseThrow();
      var log = new RequestLog();
      emulator
          .faults()
          .apply(
              new ObjectMapper()
                  .readTree(
                      System.getProperty(
                          "faults",
                          "{\"seed\":1,\"server_error_rate\":0.1,\"lost_answer_rate\":0.15,\"duplicate_webhooks\":true,\"reorder_webhooks\":true}")));
      new LoadDriver(
              new LoadDriver.Settings(
                  system.sandbox.gatewayUrl(),
                  emulator.apiBase(),
                  system.sandbox.adminEmail(),
                  system.sandbox.adminPassword(),
                  3L,
                  4,
                  15,
                  3,
                  1000,
                  0,
                  0,
                  Duration.ofSeconds(40),
                  Duration.ZERO),
              log)
          .run();
      System.out.println("AUDIT injected " + emulator.faults().injectedApiFaults() + " API faults");
      emulator.faults().reset();
      var byStatus = new java.util.TreeMap<String, Integer>();
      log.exchanges()
          .forEach(
              e ->
                  byStatus.merge(
                      e.kind() + " " + e.status() + " " + e.errorCode(), 1, Integer::sum));
      System.out.println("AUDIT requests " + byStatus);
      AuditReport report =
          new Auditor(
                  Auditor.Sources.of(
                      system.sandbox.environment(),
                      emulator.apiBase() + "/_emulator/ledger",
                      Mailbox.of(mail::messages),
                      log))
              .audit(Duration.ofSeconds(60));
      System.out.println("AUDIT\n" + report.summary());
      for (var f : report.findings()) {
        f.violations().forEach(v -> System.out.println("AUDIT " + f.invariant() + " " + v));
        for (var v : f.violations()) {
          log.exchanges().stream()
              .filter(e -> v.id().equals(e.orderId()))
              .forEach(e -> System.out.println("AUDIT   request " + e));
          var ledger = emulator.ledger();
          for (String kind : new String[] {"payment_intents", "charges", "refunds"}) {
            ledger
                .get(kind)
                .forEach(
                    entry -> {
                      if (v.id().equals(entry.path("order_id").asText())) {
                        System.out.println("AUDIT   " + kind + " " + entry);
                      }
                    });
          }
          var db = Auditor.Database.fromEnv(system.sandbox.environment(), "order");
          try (var c = java.sql.DriverManager.getConnection(db.url(), db.user(), db.password());
              var q =
                  c.prepareStatement(
                      "SELECT status, saga_step, payment_status, provider_payment_id, failure_reason, payment_method, created_at, updated_at FROM orders WHERE id::text = ?")) {
            q.setString(1, v.id());
            var rs = q.executeQuery();
            while (rs.next()) {
              System.out.println(
                  "AUDIT   order row "
                      + rs.getString(1)
                      + " "
                      + rs.getString(2)
                      + " "
                      + rs.getString(3)
                      + " "
                      + rs.getString(4)
                      + " "
                      + rs.getString(5)
                      + " "
                      + rs.getString(6)
                      + " "
                      + rs.getString(7)
                      + " "
                      + rs.getString(8));
            }
          }
          var pdb = Auditor.Database.fromEnv(system.sandbox.environment(), "payment");
          try (var c = java.sql.DriverManager.getConnection(pdb.url(), pdb.user(), pdb.password());
              var q =
                  c.prepareStatement(
                      "SELECT status, provider_payment_id, failure_reason, created_at, updated_at FROM payments WHERE order_id::text = ?")) {
            q.setString(1, v.id());
            var rs = q.executeQuery();
            while (rs.next()) {
              System.out.println(
                  "AUDIT   payment row "
                      + rs.getString(1)
                      + " "
                      + rs.getString(2)
                      + " "
                      + rs.getString(3)
                      + " "
                      + rs.getString(4)
                      + " "
                      + rs.getString(5));
            }
          }
        }
      }
      log.exchanges().stream()
          .filter(e -> e.outcomeUnknown() || e.status() == 409)
          .forEach(e -> System.out.println("AUDIT unknown/409 " + e));
      assertThat(report.passed()).as(report.summary()).isTrue();
    }
  }
}
