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

  @Test
  void unconfiguredSmsIsRefusedNotFaked() {
    var sms = new HttpSmsSender("", null);
    assertThat(sms.isConfigured()).isFalse();
    assertThatThrownBy(() -> sms.send("+4915112345678", "hi"))
        .hasMessageContaining("not configured");
  }
}
