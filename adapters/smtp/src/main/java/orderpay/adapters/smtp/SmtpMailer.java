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
import java.time.Duration;
import java.util.Date;
import java.util.Properties;
import orderpay.domain.notification.EmailMessage;
import orderpay.domain.notification.Mailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Email over SMTP with angus-mail: multipart/alternative (text + HTML), and a Message-ID derived
 * from the notification id, so a message sent twice after a crash is recognisably the same one.
 *
 * <p>One connection is kept open and reused for message after message (no TCP and EHLO/AUTH per
 * mail). It is checked before use (a NOOP) and reopened when the server dropped it; after {@link
 * #IDLE_TIMEOUT} unused it is reopened rather than trusted, since servers close idle sessions.
 * Sends are serialised on that one connection; a failure closes it so the next send starts fresh.
 */
public final class SmtpMailer implements Mailer, AutoCloseable {
  /** Unused longer than this, the connection is closed and a new one opened for the next send. */
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

  private static final Logger log = LoggerFactory.getLogger(SmtpMailer.class);
  private final SmtpSettings settings;
  private final Session session;
  private Transport transport;
  private long lastUsedNanos;

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
  public synchronized void send(EmailMessage email) {
    try {
      MimeMessage message = compose(email);
      Transport connection = connection();
      connection.sendMessage(message, message.getAllRecipients());
      lastUsedNanos = System.nanoTime();
    } catch (MessagingException e) {
      disconnect();
      throw new IllegalStateException("SMTP refused the message: " + e.getMessage(), e);
    }
  }

  private MimeMessage compose(EmailMessage email) throws MessagingException {
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
    message.setContent(new MimeMultipart("alternative", text, html));
    message.saveChanges();
    return message;
  }

  /** The open connection if it is fresh and still answers, otherwise a new one. */
  private Transport connection() throws MessagingException {
    if (transport != null) {
      boolean idle = System.nanoTime() - lastUsedNanos > IDLE_TIMEOUT.toNanos();
      if (idle || !transport.isConnected()) {
        disconnect();
      }
    }
    if (transport == null) {
      Transport opened = session.getTransport("smtp");
      if (authenticates()) {
        opened.connect(settings.host(), settings.port(), settings.user(), settings.password());
      } else {
        opened.connect();
      }
      transport = opened;
    }
    return transport;
  }

  private boolean authenticates() {
    return settings.user() != null && !settings.user().isBlank();
  }

  private void disconnect() {
    if (transport == null) {
      return;
    }
    try {
      transport.close();
    } catch (MessagingException e) {
      log.debug("closing the SMTP connection failed", e);
    }
    transport = null;
  }

  /** Closes the kept connection; a later send opens a new one. */
  @Override
  public synchronized void close() {
    disconnect();
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
