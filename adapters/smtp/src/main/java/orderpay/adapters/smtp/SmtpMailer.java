package orderpay.adapters.smtp;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import orderpay.domain.notification.EmailMessage;
import orderpay.domain.notification.Mailer;

/**
 * Email over SMTP with angus-mail: multipart/alternative (text + HTML), and a Message-ID derived
 * from the notification id, so a message sent twice after a crash is recognisably the same one.
 */
public final class SmtpMailer implements Mailer {
  private final SmtpSettings settings;
  private final Session session;

  public SmtpMailer(SmtpSettings settings) {
    this.settings = settings;
    var props = new Properties();
    props.put("mail.transport.protocol", "smtp");
    props.put("mail.smtp.host", settings.host());
    props.put("mail.smtp.port", Integer.toString(settings.port()));
    props.put("mail.smtp.connectiontimeout", "5000");
    props.put("mail.smtp.timeout", "10000");
    props.put("mail.smtp.writetimeout", "10000");
    if (settings.startTls()) {
      props.put("mail.smtp.starttls.enable", "true");
      props.put("mail.smtp.starttls.required", "true");
    }
    if (settings.user() != null && !settings.user().isBlank()) {
      props.put("mail.smtp.auth", "true");
    }
    this.session = Session.getInstance(props);
  }

  @Override
  public void send(EmailMessage email) {
    try {
      var message = new FixedIdMessage(session, "<" + email.messageId() + "@orderpay>");
      message.setFrom(new InternetAddress(settings.from(), true));
      message.setRecipients(
          Message.RecipientType.TO, InternetAddress.parse(email.to().value(), true));
      message.setSubject(email.subject(), StandardCharsets.UTF_8.name());
      message.setSentDate(new Date());
      var text = new MimeBodyPart();
      text.setText(email.textBody(), StandardCharsets.UTF_8.name(), "plain");
      var html = new MimeBodyPart();
      html.setText(email.htmlBody(), StandardCharsets.UTF_8.name(), "html");
      var alternative = new MimeMultipart("alternative", text, html);
      message.setContent(alternative);
      if (settings.user() != null && !settings.user().isBlank()) {
        Transport.send(message, settings.user(), settings.password());
      } else {
        Transport.send(message);
      }
    } catch (MessagingException e) {
      throw new IllegalStateException("SMTP refused the message: " + e.getMessage(), e);
    }
  }

  /** Keeps the Message-ID we set instead of the random one JavaMail would assign on save. */
  private static final class FixedIdMessage extends MimeMessage {
    private final String messageId;

    FixedIdMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
