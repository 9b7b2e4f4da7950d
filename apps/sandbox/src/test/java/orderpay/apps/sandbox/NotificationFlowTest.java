package orderpay.apps.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import orderpay.adapters.grpc.GrpcChannels;
import orderpay.adapters.kafka.KafkaOutboxRelay;
import orderpay.adapters.kafka.KafkaSettings;
import orderpay.adapters.kafka.KafkaTopics;
import orderpay.contracts.notification.v1.NotificationServiceGrpc;
import orderpay.contracts.notification.v1.SendEmailRequest;
import orderpay.contracts.notification.v1.SendSmsRequest;
import orderpay.devstack.EmbeddedMailCatcher;
import orderpay.devstack.SharedTestInfrastructure;
import orderpay.devstack.TopicProbe;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Real email over SMTP (GreenMail), driven by the real order flow over Kafka: once per event. */
class NotificationFlowTest {
  @RegisterExtension
  static final SandboxExtension sandbox =
      new SandboxExtension(
          Map.of(
              "SMTP_PORT", "0",
              "NOTIFICATION_FIRST_BACKOFF", "200ms",
              "NOTIFICATION_MAX_BACKOFF", "1s",
              "NOTIFICATION_MAX_ATTEMPTS", "5",
              "NOTIFICATION_DISPATCH_INTERVAL", "100ms"));

  private static EmbeddedMailCatcher mail;
  private static String topicPrefix;

  @BeforeAll
  static void start() {
    mail = sandbox.system().sandbox.mail().orElseThrow();
    topicPrefix = sandbox.system().sandbox.environment().get("KAFKA_TOPIC_PREFIX", "");
  }

  private record Customer(String token, String email) {}

  private static Customer customer(String email) {
    var reply =
        sandbox
            .system()
            .post(
                "/api/v1/users",
                "{\"email\":\"%s\",\"password\":\"customer-pass\",\"name\":\"Mia Müller\"}"
                    .formatted(email));
    assertThat(reply.status()).isEqualTo(201);
    return new Customer(sandbox.shop().login(email, "customer-pass"), email);
  }

  private static List<MimeMessage> mailTo(String address) {
    return mail.messages().stream()
        .filter(
            m -> {
              try {
                return m.getRecipients(Message.RecipientType.TO)[0].toString().equals(address);
              } catch (Exception e) {
                return false;
              }
            })
        .toList();
  }

  private static List<String> subjectsTo(String address) {
    return mailTo(address).stream()
        .map(
            m -> {
              try {
                return m.getSubject();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  /** The decoded plain-text part. */
  private static String body(MimeMessage message) {
    try {
      var parts = (jakarta.mail.internet.MimeMultipart) message.getContent();
      for (int i = 0; i < parts.getCount(); i++) {
        if (parts.getBodyPart(i).isMimeType("text/plain")) {
          return (String) parts.getBodyPart(i).getContent();
        }
      }
      throw new AssertionError("no text/plain part");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aPaidOrderSendsOneConfirmationAndOnePaymentEmailToTheCustomer() {
    var mia = customer("mia-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com");
    String product = sandbox.shop().product(1250, 10);
    String orderId =
        sandbox
            .shop()
            .order(mia.token(), product, 2, "pm_card_visa", null)
            .body()
            .get("id")
            .asText();
    Shop.await(
        () -> subjectsTo(mia.email()).size() >= 3, "welcome, confirmation and payment emails");
    assertThat(subjectsTo(mia.email()))
        .containsExactlyInAnyOrder(
            "Welcome to OrderPay",
            "Your OrderPay order " + orderId,
            "Payment received for order " + orderId);
    var confirmation =
        mailTo(mia.email()).stream()
            .filter(m -> body(m).contains("thank you for your order"))
            .findFirst()
            .orElseThrow();
    assertThat(body(confirmation))
        .contains("2 x Item at 12.50 EUR = 25.00 EUR")
        .contains("Total: 25.00 EUR")
        .contains("Mia");

    var history =
        sandbox
            .system()
            .get("/api/v1/notifications?order_id=" + orderId, mia.token())
            .body()
            .get("notifications");
    assertThat(history).hasSize(2);
    history.forEach(
        n -> {
          assertThat(n.get("status").asText()).isEqualTo("SENT");
          assertThat(n.get("to").asText()).isEqualTo(mia.email());
          assertThat(n.get("channel").asText()).isEqualTo("email");
          assertThat(n.get("sent_at").isNull()).isFalse();
        });
    assertThat(history)
        .extracting(n -> n.get("template").asText())
        .containsExactlyInAnyOrder("order_confirmation", "payment_succeeded");
  }

  @Test
  void aRedeliveredEventSendsNothingNew() throws Exception {
    var leo = customer("leo-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com");
    String product = sandbox.shop().product(500, 10);
    try (var probe =
        new TopicProbe(
            SharedTestInfrastructure.kafka().bootstrapServers(),
            topicPrefix + KafkaTopics.ORDER_CREATED)) {
      String orderId =
          sandbox
              .shop()
              .order(leo.token(), product, 1, "pm_card_visa", null)
              .body()
              .get("id")
              .asText();
      Shop.await(() -> subjectsTo(leo.email()).size() >= 3, "the order's emails");
      var created =
          probe
              .awaitRecords(
                  rs -> rs.stream().anyMatch(r -> r.key().equals(orderId)), Duration.ofSeconds(20))
              .stream()
              .filter(r -> r.key().equals(orderId))
              .findFirst()
              .orElseThrow();
      var settings =
          new KafkaSettings(SharedTestInfrastructure.kafka().bootstrapServers(), topicPrefix);
      try (var producer =
          new KafkaProducer<String, byte[]>(
              KafkaOutboxRelay.producerProperties(settings, "redeliver"))) {
        var again = new ProducerRecord<>(created.topic(), created.key(), created.value());
        created.headers().forEach(h -> again.headers().add(h));
        producer.send(again).get();
      }
      // a later order of the same customer proves the copy was consumed before it
      String later =
          sandbox
              .shop()
              .order(leo.token(), product, 1, "pm_card_visa", null)
              .body()
              .get("id")
              .asText();
      Shop.await(
          () -> subjectsTo(leo.email()).contains("Payment received for order " + later),
          "the later order's email");
      assertThat(
              subjectsTo(leo.email()).stream()
                  .filter(s -> s.equals("Your OrderPay order " + orderId)))
          .hasSize(1);
    }
  }

  @Test
  void anSmtpOutageDelaysTheEmailButDeliversItOnce() throws Exception {
    var ida = customer("ida-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com");
    Shop.await(() -> subjectsTo(ida.email()).size() == 1, "the welcome email");
    String product = sandbox.shop().product(700, 5);
    mail.stop();
    String orderId;
    try {
      orderId =
          sandbox
              .shop()
              .order(ida.token(), product, 1, "pm_card_visa", null)
              .body()
              .get("id")
              .asText();
      Shop.await(
          () -> {
            var history =
                sandbox
                    .system()
                    .get("/api/v1/notifications?order_id=" + orderId, ida.token())
                    .body()
                    .get("notifications");
            return history.size() == 2 && history.get(0).get("status").asText().equals("PENDING");
          },
          "the messages to wait while SMTP is down");
      Shop.await(
          () -> failedAttempts(orderId) >= 1, "a delivery attempt to fail while SMTP is down");
    } finally {
      mail.start();
    }
    Shop.await(() -> subjectsTo(ida.email()).size() == 3, "the delayed emails");
    // a duplicate could only come from a message not yet marked sent: once both are, none can
    Shop.await(
        () -> {
          var history =
              sandbox
                  .system()
                  .get("/api/v1/notifications?order_id=" + orderId, ida.token())
                  .body()
                  .get("notifications");
          return history.size() == 2
              && history.get(0).get("status").asText().equals("SENT")
              && history.get(1).get("status").asText().equals("SENT");
        },
        "both messages marked sent");
    assertThat(subjectsTo(ida.email())).hasSize(3).contains("Your OrderPay order " + orderId);
  }

  /** Delivery attempts recorded for the order's messages (read from the service's own database). */
  private static int failedAttempts(String orderId) {
    var env = sandbox.system().sandbox.environment();
    try (var db =
            java.sql.DriverManager.getConnection(
                env.required("NOTIFICATION_DB_URL"), env.required("NOTIFICATION_DB_USER"), "");
        var query =
            db.prepareStatement(
                "SELECT coalesce(max(attempts), 0) FROM notifications WHERE order_id = ? AND last_error IS NOT NULL")) {
      query.setObject(1, UUID.fromString(orderId));
      try (var rows = query.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aPermanentlyFailingAddressIsMarkedFailedParkedInTheDlqAndOthersStillFlow() throws Exception {
    try (var dlq =
        new TopicProbe(
            SharedTestInfrastructure.kafka().bootstrapServers(),
            topicPrefix + "user.registered.dlq")) {
      var broken =
          customer("dot..dot-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com");
      var parked = dlq.awaitRecords(rs -> !rs.isEmpty(), Duration.ofSeconds(30));
      assertThat(parked).isNotEmpty();
      var history =
          sandbox.system().get("/api/v1/notifications", broken.token()).body().get("notifications");
      assertThat(history)
          .singleElement()
          .satisfies(n -> assertThat(n.get("status").asText()).isEqualTo("FAILED"));
      var fine = customer("fine-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com");
      Shop.await(
          () -> subjectsTo(fine.email()).contains("Welcome to OrderPay"), "a later welcome email");
    }
  }

  @Test
  void theHistoryIsOwnOnlyAndBadInputIs4xx() {
    var owner = customer("own-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com");
    var other = customer("oth-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com");
    String product = sandbox.shop().product(300, 5);
    String orderId =
        sandbox
            .shop()
            .order(owner.token(), product, 1, "pm_card_visa", null)
            .body()
            .get("id")
            .asText();
    Shop.await(
        () ->
            sandbox
                    .system()
                    .get("/api/v1/notifications?order_id=" + orderId, owner.token())
                    .body()
                    .get("notifications")
                    .size()
                == 2,
        "the owner's history");
    assertThat(
            sandbox
                .system()
                .get("/api/v1/notifications?order_id=" + orderId, other.token())
                .body()
                .get("notifications")
                .size())
        .isZero();
    var bad = sandbox.system().get("/api/v1/notifications?order_id=not-a-uuid", owner.token());
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().at("/error/code").asText()).isEqualTo("invalid_request");
    assertThat(sandbox.system().get("/api/v1/notifications", null).status()).isEqualTo(401);
  }

  @Test
  void adHocEmailIsIdempotentAndSmsIsRefusedWithoutAGateway() {
    try (var channel =
        GrpcChannels.open(
            sandbox.system().sandbox.target("notification"),
            Duration.ofSeconds(5),
            sandbox.system().sandbox.credentials(orderpay.adapters.grpc.auth.Callers.OPERATOR))) {
      var notifications = NotificationServiceGrpc.newBlockingStub(channel.channel());
      String to = "adhoc-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com";
      var request =
          SendEmailRequest.newBuilder()
              .setTo(to)
              .setSubject("Your parcel is on its way")
              .setTextBody("It left our warehouse today.")
              .setIdempotencyKey("parcel-" + to)
              .build();
      var first = notifications.sendEmail(request);
      var again = notifications.sendEmail(request);
      assertThat(again.getId()).isEqualTo(first.getId());
      Shop.await(() -> subjectsTo(to).size() == 1, "the ad-hoc email");

      var refused =
          catchThrowableOfType(
              StatusRuntimeException.class,
              () ->
                  notifications.sendSMS(
                      SendSmsRequest.newBuilder()
                          .setTo("+4915112345678")
                          .setBody("hello")
                          .build()));
      assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
      assertThat(refused.getStatus().getDescription()).isEqualTo("sms channel not configured");

      var invalid =
          catchThrowableOfType(
              StatusRuntimeException.class,
              () ->
                  notifications.sendEmail(
                      SendEmailRequest.newBuilder()
                          .setTo("nope")
                          .setSubject("s")
                          .setTextBody("t")
                          .build()));
      assertThat(invalid.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }
  }
}
