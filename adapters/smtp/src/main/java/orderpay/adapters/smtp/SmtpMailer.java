package orderpay.adapters.smtp;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import orderpay.adapters.telemetry.CarriedTraces;
import orderpay.adapters.telemetry.Traces;
import orderpay.domain.notification.EmailMessage;
import orderpay.domain.notification.Mailer;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Email over SMTP with angus-mail: multipart/alternative (text + HTML), and a Message-ID derived
 * from the notification id, so a message sent twice after a crash is recognisably the same one.
 *
 * <p>Connections are kept open and reused for message after message (no TCP and EHLO/AUTH per
 * mail), up to {@code connections} of them for as many concurrent senders. A reused connection is
 * not probed before each message (a NOOP would cost a round trip per mail): if the server dropped
 * it, the send fails and is made once more on a fresh connection (not when the server answered with
 * a refusal: that answer would come again). After {@link #IDLE_TIMEOUT} unused a connection is
 * reopened rather than trusted, since servers close idle sessions. A failure closes the connection,
 * so the next send starts fresh.
 */
public final class SmtpMailer implements Mailer, AutoCloseable {
  /** Unused longer than this, the connection is closed and a new one opened for the next send. */
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

  private static final Logger log = LoggerFactory.getLogger(SmtpMailer.class);

  static {
    MailStreams.pinProvider();
  }

  private final SmtpSettings settings;
  private final Session session;
  private final BlockingQueue<PooledConnection> pool;

  /** One connection: messages are sent one after another. */
  public SmtpMailer(SmtpSettings settings) {
    this(settings, 1);
  }

  /** Up to {@code connections} open connections, for as many concurrent senders. */
  public SmtpMailer(SmtpSettings settings, int connections) {
    if (connections < 1) {
      throw new IllegalArgumentException("at least one SMTP connection, got " + connections);
    }
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
    this.pool = new ArrayBlockingQueue<>(connections);
    for (int i = 0; i < connections; i++) {
      pool.add(new PooledConnection());
    }
  }

  @Override
  public void send(EmailMessage email) {
    String traceparent = CarriedTraces.take(email.messageId());
    if (traceparent == null) {
      sendNow(email);
      return;
    }
    // the message's sending is the last span of the trace that asked for it
    Span span = Traces.start("smtp send", SpanKind.CLIENT, Traces.parentFrom(traceparent));
    span.setAttribute("orderpay.email.message_id", email.messageId());
    Traces.within(
        span,
        () -> {
          sendNow(email);
          return null;
        });
  }

  private void sendNow(EmailMessage email) {
    MimeMessage message;
    try {
      message = compose(email);
    } catch (MessagingException e) {
      throw new IllegalStateException("the message could not be built: " + e.getMessage(), e);
    }
    PooledConnection connection = take();
    try {
      connection.send(message);
    } finally {
      pool.add(connection);
    }
  }

  private PooledConnection take() {
    try {
      return pool.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for an SMTP connection", e);
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

  private boolean authenticates() {
    return settings.user() != null && !settings.user().isBlank();
  }

  /** Closes the kept connections; a later send opens new ones. */
  @Override
  public void close() {
    for (PooledConnection connection : pool) {
      connection.disconnect();
    }
  }

  /** One kept connection; used by one sender at a time (it is out of the pool meanwhile). */
  private final class PooledConnection {
    private Transport transport;
    private long lastUsedNanos;

    void send(MimeMessage message) {
      boolean reused = transport != null;
      try {
        open().sendMessage(message, message.getAllRecipients());
        lastUsedNanos = System.nanoTime();
      } catch (MessagingException first) {
        disconnect();
        if (!reused || !connectionLost(first)) {
          throw refused(first);
        }
        try { // the server may have dropped the kept connection: once more on a fresh one
          open().sendMessage(message, message.getAllRecipients());
          lastUsedNanos = System.nanoTime();
        } catch (MessagingException second) {
          disconnect();
          throw refused(second);
        }
      }
    }

    private Transport open() throws MessagingException {
      if (transport != null && System.nanoTime() - lastUsedNanos > IDLE_TIMEOUT.toNanos()) {
        disconnect();
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

    void disconnect() {
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
  }

  /**
   * Whether the failure may be a kept connection the server dropped, worth once more on a fresh
   * one. A server's answer is not (a 550 for a mailbox comes again on any connection), except 421
   * (the server is closing this session) and no answer at all: angus-mail reports a connection
   * closed under its read as code -1 "[EOF]", under its write as an I/O failure; which one a
   * dropped connection gives is a race.
   */
  static boolean connectionLost(MessagingException failure) {
    if (failure instanceof SMTPSendFailedException answer) {
      return answer.getReturnCode() == 421 || answer.getReturnCode() < 0;
    }
    return !(failure instanceof SendFailedException);
  }

  private static IllegalStateException refused(MessagingException e) {
    return new IllegalStateException("SMTP refused the message: " + e.getMessage(), e);
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
