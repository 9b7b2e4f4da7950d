package orderpay.apps.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.StripeClient;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import orderpay.apps.sandbox.chaos.AuditReport;
import orderpay.apps.sandbox.chaos.Auditor;
import orderpay.apps.sandbox.chaos.Finding;
import orderpay.apps.sandbox.chaos.Invariant;
import orderpay.apps.sandbox.chaos.LoadDriver;
import orderpay.apps.sandbox.chaos.Mailbox;
import orderpay.apps.sandbox.chaos.RequestLog;
import orderpay.apps.stripe.StripeEmulator;
import orderpay.devstack.EmbeddedMailCatcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The chaos auditor against the one-JVM system: a seeded mixed load through the REST API passes
 * every invariant; then state is broken on purpose, one invariant at a time, and the auditor must
 * name what was broken. Without the second half a green audit would prove nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosAuditTest {
  private static final Duration SETTLE = Duration.ofSeconds(60);
  @RegisterExtension static final SandboxExtension sandbox = new SandboxExtension();
  private static StripeEmulator emulator;
  private static EmbeddedMailCatcher mail;
  private static RequestLog requests;
  private static Auditor auditor;

  @BeforeAll
  static void start() {
    emulator = sandbox.system().sandbox.emulator().orElseThrow();
    mail = sandbox.system().sandbox.mail().orElseThrow();
    requests = new RequestLog();
    var small =
        LoadDriver.Settings.small(
            sandbox.system().sandbox.gatewayUrl(),
            emulator.apiBase(),
            sandbox.system().sandbox.adminEmail(),
            sandbox.system().sandbox.adminPassword(),
            20261202L);
    // stock to spare: every refusal here would be a bug; the race comes later, on its own
    new LoadDriver(
            new LoadDriver.Settings(
                small.gatewayUrl(),
                small.stripeApiBase(),
                small.adminEmail(),
                small.adminPassword(),
                small.seed(),
                small.clients(),
                small.actionsPerClient(),
                small.products(),
                1_000,
                0,
                0,
                small.requestTimeout(),
                Duration.ZERO),
            requests)
        .run();
    auditor = auditorFor(requests);
  }

  private static Auditor auditorFor(RequestLog log) {
    return new Auditor(
        Auditor.Sources.of(
            sandbox.system().sandbox.environment(),
            emulator.apiBase() + "/_emulator/ledger",
            Mailbox.of(mail::messages),
            log));
  }

  private static Finding audit(Invariant invariant) {
    return audit(invariant, SETTLE);
  }

  private static Finding audit(Invariant invariant, Duration settle) {
    AuditReport report = auditor.audit(settle);
    System.out.println(report.summary());
    return report.finding(invariant);
  }

  /** Logs an order creation no client sent, answered as given. */
  private static void forgeCreateOrder(
      RequestLog log,
      String userId,
      String idempotencyKey,
      int status,
      String orderId,
      String errorCode) {
    log.record(
        seq ->
            new RequestLog.Exchange(
                seq,
                "forged",
                RequestLog.Kind.CREATE_ORDER,
                "POST",
                "/api/v1/orders",
                userId,
                idempotencyKey,
                "{}",
                status,
                orderId,
                errorCode,
                System.currentTimeMillis(),
                1));
  }

  private static long created(String kind) {
    return requests.exchanges().stream()
        .filter(e -> e.kind() == RequestLog.Kind.CREATE_ORDER)
        .filter(
            e ->
                switch (kind) {
                  case "accepted" -> e.accepted();
                  case "rejected" -> e.rejected();
                  default -> e.outcomeUnknown();
                })
        .count();
  }

  /** A paid order placed now, outside the driver; returns {order id, intent id, product id}. */
  private static String[] paidOrder() {
    String customer = sandbox.shop().customer();
    String product = sandbox.shop().product(1700, 5);
    var order =
        sandbox.shop().order(customer, product, 2, "pm_card_visa", UUID.randomUUID().toString());
    assertThat(order.status()).isEqualTo(201);
    String id = order.body().get("id").asText();
    sandbox.shop().awaitOrder(customer, id, Shop.status("PAID"));
    // done with it: a test that breaks its stock must not race the commit (which would mend it)
    Shop.await(
        () -> sandbox.shop().stock(product).get("on_hand").asLong() == 3, "its units committed");
    return new String[] {id, order.body().at("/payment/provider_payment_id").asText(), product};
  }

  /** The order's payment email, once it is in the mailbox. */
  private static Mailbox.Mail awaitPaymentEmail(Mailbox mailbox, String order) {
    String subject = "Payment received for order " + order;
    Shop.await(
        () -> mailbox.messages().stream().anyMatch(m -> m.subject().equals(subject)),
        "the payment email");
    return mailbox.messages().stream().filter(m -> m.subject().equals(subject)).findFirst().get();
  }

  private static void sql(String service, String statement, String... args) throws Exception {
    var db = Auditor.Database.fromEnv(sandbox.system().sandbox.environment(), service);
    try (var connection = DriverManager.getConnection(db.url(), db.user(), db.password());
        var update = connection.prepareStatement(statement)) {
      for (int i = 0; i < args.length; i++) {
        update.setObject(
            i + 1, args[i].matches("[0-9a-f-]{36}") ? UUID.fromString(args[i]) : args[i]);
      }
      assertThat(update.executeUpdate()).isPositive();
    }
  }

  @Test
  @Order(1)
  void aCleanSeededLoadPassesEveryInvariant() {
    assertThat(created("accepted")).isGreaterThan(30);
    assertThat(created("rejected") + created("unknown")).isZero();
    assertThat(requests.exchanges())
        .extracting(RequestLog.Exchange::kind)
        .contains(
            RequestLog.Kind.CANCEL_ORDER,
            RequestLog.Kind.AUTHENTICATE_3DS,
            RequestLog.Kind.CONFIRM_IN_BROWSER);
    AuditReport report = auditor.audit(SETTLE);
    System.out.println(report.summary());
    assertThat(report.findings())
        .extracting(Finding::invariant)
        .containsExactly(Invariant.values());
    assertThat(report.passed()).as(report.summary()).isTrue();
  }

  @Test
  @Order(2)
  void manyClientsRacingForTheLastUnitsSellNoMoreThanThereAre() {
    var race =
        new LoadDriver(
            new LoadDriver.Settings(
                sandbox.system().sandbox.gatewayUrl(),
                emulator.apiBase(),
                sandbox.system().sandbox.adminEmail(),
                sandbox.system().sandbox.adminPassword(),
                7L,
                1,
                0,
                1,
                1,
                12,
                3,
                Duration.ofSeconds(30),
                Duration.ZERO),
            new RequestLog());
    var raceLog = race.run();
    var raced = raceLog.exchanges();
    var placed = raced.stream().filter(e -> e.kind() == RequestLog.Kind.CREATE_ORDER).toList();
    assertThat(placed).hasSize(12);
    assertThat(placed.stream().filter(RequestLog.Exchange::accepted).count()).isEqualTo(3);
    assertThat(placed.stream().filter(RequestLog.Exchange::rejected))
        .extracting(RequestLog.Exchange::errorCode)
        .containsOnly("insufficient_stock");
    AuditReport report = auditorFor(raceLog).audit(SETTLE);
    System.out.println(report.summary());
    for (var invariant :
        java.util.List.of(Invariant.I1, Invariant.I2, Invariant.I3, Invariant.I5)) {
      assertThat(report.finding(invariant).passed()).as(report.summary()).isTrue();
    }
  }

  /**
   * A 409 insufficient_stock leaves no order under the request's Idempotency-Key: API.md says a
   * refused request stores nothing (issue 8, defect 7; it left a FAILED order before).
   */
  @Test
  @Order(2)
  void theLosersOfTheRaceLeaveNothingBehind() {
    var losers = new RequestLog();
    new LoadDriver(
            new LoadDriver.Settings(
                sandbox.system().sandbox.gatewayUrl(),
                emulator.apiBase(),
                sandbox.system().sandbox.adminEmail(),
                sandbox.system().sandbox.adminPassword(),
                8L,
                1,
                0,
                1,
                1,
                6,
                1,
                Duration.ofSeconds(30),
                Duration.ZERO),
            losers)
        .run();
    var finding = auditorFor(losers).audit(SETTLE).finding(Invariant.I7);
    assertThat(finding.passed()).as(finding.line()).isTrue();
  }

  @Test
  @Order(3)
  void aSecondSuccessfulChargeForAnOrderBreaksI2() throws Exception {
    String order = paidOrder()[0];
    StripeClient.builder()
        .setApiKey("sk_test_auditor")
        .setApiBase(emulator.apiBase())
        .build()
        .paymentIntents()
        .create(
            PaymentIntentCreateParams.builder()
                .setAmount(3400L)
                .setCurrency("eur")
                .setPaymentMethod("pm_card_visa")
                .setConfirm(true)
                .putMetadata("order_id", order)
                .build(),
            RequestOptions.builder().setIdempotencyKey("second-charge-" + order).build());
    var finding = audit(Invariant.I2);
    assertThat(finding.verdict()).isEqualTo(Finding.Verdict.FAIL);
    assertThat(finding.offendingIds()).contains(order);
    assertThat(audit(Invariant.I5).offendingIds()).contains(order); // and the money is off
  }

  @Test
  @Order(3)
  void aRefundNobodyRecordedBreaksI5() {
    String[] paid = paidOrder();
    emulator.faults().drop = true; // or the charge.refunded webhook would tell the system
    try {
      emulator.refundOutsideTheSystem(paid[1]);
    } finally {
      emulator.faults().drop = false;
    }
    var finding = audit(Invariant.I5);
    assertThat(finding.offendingIds()).contains(paid[0]);
    assertThat(finding.reason()).contains(paid[0] + ": PAID order of 3400: 0 kept at Stripe");
  }

  @Test
  @Order(4)
  void aPaidOrderWhoseStockWentBackBreaksI5() throws Exception {
    String[] paid = paidOrder();
    sql("inventory", "UPDATE reservations SET status = 'RELEASED' WHERE order_id = ?", paid[0]);
    sql("inventory", "UPDATE stock_items SET on_hand = on_hand + 2 WHERE product_id = ?", paid[2]);
    var finding = audit(Invariant.I5);
    assertThat(finding.offendingIds()).contains(paid[0], paid[2]);
    assertThat(finding.violations())
        .contains(new Finding.Violation(paid[0], "PAID but its reservation is RELEASED"));
  }

  @Test
  @Order(4)
  void unitsAppearingFromNowhereBreakI1() throws Exception {
    String product = requests.supplied().keySet().iterator().next();
    sql("inventory", "UPDATE stock_items SET on_hand = on_hand + 5 WHERE product_id = ?", product);
    var finding = audit(Invariant.I1);
    assertThat(finding.offendingIds()).containsExactly(product);
    assertThat(finding.reason()).contains("!= supplied=1000");
  }

  @Test
  @Order(5)
  void aSecondEmailForOneEventBreaksI4() throws Exception {
    String order = paidOrder()[0];
    var mailbox = Mailbox.of(mail::messages);
    var sent = awaitPaymentEmail(mailbox, order);
    String subject = sent.subject();
    var props = new Properties();
    props.put("mail.smtp.host", "127.0.0.1");
    props.put("mail.smtp.port", Integer.toString(mail.port()));
    var duplicate = new MimeMessage(Session.getInstance(props));
    duplicate.setFrom(new InternetAddress("orders@orderpay.local"));
    duplicate.setRecipients(jakarta.mail.Message.RecipientType.TO, sent.recipient());
    duplicate.setSubject(subject);
    duplicate.setText("the same news again, as a different message");
    Transport.send(duplicate);
    Shop.await(
        () -> mailbox.messages().stream().filter(m -> m.subject().equals(subject)).count() == 2,
        "the duplicate to arrive");
    var finding = audit(Invariant.I4);
    assertThat(finding.verdict()).isEqualTo(Finding.Verdict.FAIL);
    assertThat(finding.offendingIds())
        .containsExactly(order + "/payment_succeeded/" + sent.recipient());
  }

  @Test
  @Order(6)
  void anOrderLeftPendingBreaksI3() {
    String customer = sandbox.shop().customer();
    String product = sandbox.shop().product(900, 3);
    String order = sandbox.shop().order(customer, product, 1, null, null).body().get("id").asText();
    var finding = audit(Invariant.I3, Duration.ofMillis(500));
    assertThat(finding.offendingIds()).contains(order);
    assertThat(sandbox.system().post("/api/v1/orders/" + order + "/cancel", "", customer).status())
        .isEqualTo(200);
  }

  @Test
  @Order(7)
  void anAcceptedOrderThatWasNeverStoredBreaksI6() {
    String ghost = UUID.randomUUID().toString();
    forgeCreateOrder(requests, null, "forged-key", 201, ghost, null);
    assertThat(audit(Invariant.I6).offendingIds()).containsExactly(ghost);
  }

  @Test
  @Order(8)
  void aRejectedRequestThatLeftAnOrderOrAnIntentBreaksI7() {
    var accepted =
        requests.exchanges().stream()
            .filter(e -> e.kind() == RequestLog.Kind.CREATE_ORDER && e.accepted())
            .findFirst()
            .orElseThrow();
    String reusedKey = accepted.idempotencyKey();
    // as if that request had been answered 409: its order must then not exist
    var forgedLog = new RequestLog();
    forgeCreateOrder(forgedLog, accepted.userId(), reusedKey, 409, null, "conflict");
    var intent =
        StripeClient.builder().setApiKey("sk_test_auditor").setApiBase(emulator.apiBase()).build();
    String ghostOrder = UUID.randomUUID().toString();
    String ghostIntent;
    try {
      ghostIntent =
          intent
              .paymentIntents()
              .create(
                  PaymentIntentCreateParams.builder()
                      .setAmount(100L)
                      .setCurrency("eur")
                      .putMetadata("order_id", ghostOrder)
                      .build())
              .getId();
    } catch (com.stripe.exception.StripeException e) {
      throw new AssertionError(e);
    }
    var finding = auditorFor(forgedLog).audit(Duration.ZERO).finding(Invariant.I7);
    System.out.println(finding.line());
    assertThat(finding.offendingIds()).contains(reusedKey, ghostIntent);
  }

  @Test
  @Order(9)
  void aPaidOrderWhoseReceiptWasNeverRecordedBreaksI4() throws Exception {
    String order = paidOrder()[0];
    awaitPaymentEmail(Mailbox.of(mail::messages), order);
    // as if the order.paid event had been acknowledged and dropped by the notification service
    sql(
        "notification",
        "DELETE FROM notifications WHERE order_id = ? AND template = 'payment_succeeded'",
        order);
    var finding = audit(Invariant.I4, Duration.ofSeconds(2)); // it will not settle: no need to wait
    assertThat(finding.violations())
        .contains(
            new Finding.Violation(
                order + "/payment_succeeded", "PAID order, no payment_succeeded email"));
  }
}
