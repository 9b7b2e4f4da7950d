package orderpay.adapters.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import orderpay.domain.notification.EmailMessage;
import orderpay.domain.user.Email;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real angus-mail path against GreenMail on loopback. */
class SmtpMailerTest {
  private GreenMail smtp;
  private SmtpMailer mailer;

  @BeforeEach
  void start() {
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    mailer =
        new SmtpMailer(
            new SmtpSettings(
                "127.0.0.1", smtp.getSmtp().getPort(), false, null, null, "shop@orderpay.test"));
  }

  @AfterEach
  void stop() {
    mailer.close();
    smtp.stop();
  }

  @Test
  void sendsTextAndHtmlWithAStableMessageId() throws Exception {
    mailer.send(
        new EmailMessage(
            "note-1",
            Email.parse("ada@example.com"),
            "Grüße from OrderPay",
            "plain ü body",
            "<p>html body</p>"));
    assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
    var message = smtp.getReceivedMessages()[0];
    assertThat(message.getSubject()).isEqualTo("Grüße from OrderPay");
    assertThat(message.getMessageID()).isEqualTo("<note-1@orderpay>");
    assertThat(message.getAllRecipients()[0].toString()).isEqualTo("ada@example.com");
    String raw = GreenMailUtil.getWholeMessage(message);
    assertThat(raw).contains("multipart/alternative").contains("text/plain").contains("text/html");
  }

  @Test
  void aServerThatIsDownIsAnError() {
    smtp.stop();
    assertThatThrownBy(
            () ->
                mailer.send(
                    new EmailMessage("n", Email.parse("a@example.com"), "s", "t", "<p>h</p>")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anAddressSmtpCannotTakeIsAnError() {
    assertThatThrownBy(
            () ->
                mailer.send(
                    new EmailMessage("n", Email.parse("x..y@example.com"), "s", "t", "<p>h</p>")))
        .isInstanceOf(IllegalStateException.class);
  }

  private static SmtpMailer viaProxy(CountingTcpProxy proxy, int connections) {
    return new SmtpMailer(
        new SmtpSettings("127.0.0.1", proxy.port(), false, null, null, "shop@orderpay.test"),
        connections);
  }

  private static EmailMessage note(int i) {
    return new EmailMessage(
        "reuse-" + i, Email.parse("ada@example.com"), "Message " + i, "text", "<p>html</p>");
  }

  @Test
  void aRefusalFromTheServerIsNotTriedAgainOnAFreshConnection() throws Exception {
    try (var server = new RefusingSmtpServer();
        var refusing =
            new SmtpMailer(
                new SmtpSettings(
                    "127.0.0.1", server.port(), false, null, null, "shop@orderpay.test"),
                1)) {
      refusing.send(note(1)); // the connection is now kept
      assertThatThrownBy(
              () ->
                  refusing.send(
                      new EmailMessage(
                          "refused", Email.parse("refused@example.com"), "s", "t", "<p>h</p>")))
          .isInstanceOf(IllegalStateException.class);
      // the server answered 550: the same message on a new connection would get the same answer
      assertThat(server.connectionsAccepted()).isEqualTo(1);
      assertThat(server.delivered()).isEqualTo(1);
    }
  }

  @Test
  void sendsManyMessagesOverOneConnection() throws Exception {
    try (var proxy = new CountingTcpProxy(smtp.getSmtp().getPort());
        var viaProxy = viaProxy(proxy, 1)) {
      for (int i = 0; i < 5; i++) {
        viaProxy.send(note(i));
      }
      assertThat(smtp.waitForIncomingEmail(5000, 5)).isTrue();
      assertThat(proxy.connectionsAccepted()).isEqualTo(1);
    }
  }

  @Test
  void concurrentSendersShareAtMostTheConfiguredConnections() throws Exception {
    try (var proxy = new CountingTcpProxy(smtp.getSmtp().getPort());
        var viaProxy = viaProxy(proxy, 3);
        var senders = java.util.concurrent.Executors.newFixedThreadPool(6)) {
      var sends = new java.util.ArrayList<java.util.concurrent.Future<?>>();
      for (int i = 0; i < 24; i++) {
        int n = i;
        sends.add(senders.submit(() -> viaProxy.send(note(n))));
      }
      for (var send : sends) {
        send.get();
      }
      assertThat(smtp.waitForIncomingEmail(5000, 24)).isTrue();
      assertThat(smtp.getReceivedMessages()).hasSize(24);
      assertThat(proxy.connectionsAccepted()).isBetween(1, 3);
    }
  }

  @Test
  void aDroppedConnectionIsReopenedForTheNextMessage() throws Exception {
    try (var proxy = new CountingTcpProxy(smtp.getSmtp().getPort());
        var viaProxy = viaProxy(proxy, 1)) {
      viaProxy.send(note(1));
      proxy.dropAll();
      viaProxy.send(note(2));
      viaProxy.send(note(3));

      assertThat(smtp.waitForIncomingEmail(5000, 3)).isTrue();
      assertThat(smtp.getReceivedMessages()).hasSize(3);
      assertThat(proxy.connectionsAccepted()).isEqualTo(2);
    }
  }

  @Test
  void aConnectionClosedUnderTheReadIsRetriedButAServersRefusalIsNot() {
    // which of the two a dropped connection gives depends on timing (CI saw the first)
    assertThat(SmtpMailer.connectionLost(answer(-1, "[EOF]"))).isTrue();
    assertThat(SmtpMailer.connectionLost(answer(421, "421 closing"))).isTrue();
    assertThat(SmtpMailer.connectionLost(new jakarta.mail.MessagingException("broken pipe")))
        .isTrue();
    assertThat(SmtpMailer.connectionLost(answer(550, "550 no such mailbox"))).isFalse();
    assertThat(SmtpMailer.connectionLost(answer(452, "452 insufficient storage"))).isFalse();
  }

  private static org.eclipse.angus.mail.smtp.SMTPSendFailedException answer(int code, String text) {
    return new org.eclipse.angus.mail.smtp.SMTPSendFailedException(
        "MAIL FROM", code, text, null, null, null, null);
  }

  @Test
  void aRestartedServerIsReachedAgain() throws Exception {
    int port = smtp.getSmtp().getPort();
    mailer.send(note(1));
    smtp.stop();
    assertThatThrownBy(() -> mailer.send(note(2))).isInstanceOf(IllegalStateException.class);

    smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    mailer.send(note(3));
    assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
    assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("Message 3");
  }
}
