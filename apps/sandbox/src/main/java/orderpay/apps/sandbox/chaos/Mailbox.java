package orderpay.apps.sandbox.chaos;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The SMTP catcher's mailbox as the auditor reads it: each message's Message-ID, recipient and
 * subject, and from the subject which template and order it is about.
 */
public interface Mailbox {
  List<Mail> messages();

  /** One received message. {@code template} and {@code orderId} are "" when not recognised. */
  record Mail(String messageId, String recipient, String subject, String template, String orderId) {
    static Mail of(MimeMessage message) throws MessagingException {
      var recipients = message.getRecipients(Message.RecipientType.TO);
      String to = recipients == null || recipients.length == 0 ? "" : recipients[0].toString();
      String subject = message.getSubject() == null ? "" : message.getSubject();
      String messageId = message.getHeader("Message-ID", null);
      for (var pattern : SUBJECTS) {
        var match = pattern.pattern().matcher(subject);
        if (match.matches()) {
          return new Mail(
              messageId == null ? "" : messageId,
              to,
              subject,
              pattern.template(),
              match.groupCount() > 0 ? match.group(1) : "");
        }
      }
      return new Mail(messageId == null ? "" : messageId, to, subject, "", "");
    }
  }

  /** The subjects of domain/notification EmailTemplates, mapped back to their template. */
  record SubjectPattern(Pattern pattern, String template) {}

  List<SubjectPattern> SUBJECTS =
      List.of(
          new SubjectPattern(Pattern.compile("Welcome to OrderPay"), "welcome"),
          new SubjectPattern(Pattern.compile("Your OrderPay order (\\S+)"), "order_confirmation"),
          new SubjectPattern(
              Pattern.compile("Payment received for order (\\S+)"), "payment_succeeded"),
          new SubjectPattern(Pattern.compile("Payment failed for order (\\S+)"), "payment_failed"),
          new SubjectPattern(Pattern.compile("Order (\\S+) cancelled"), "order_cancelled"),
          new SubjectPattern(Pattern.compile("Refund for order (\\S+)"), "order_refunded"));

  /** Messages straight from an in-process catcher (e.g. EmbeddedMailCatcher::messages). */
  static Mailbox of(Supplier<List<MimeMessage>> messages) {
    return () -> {
      var mails = new ArrayList<Mail>();
      for (var message : messages.get()) {
        try {
          mails.add(Mail.of(message));
        } catch (MessagingException e) {
          throw new IllegalStateException("unreadable message in the mailbox", e);
        }
      }
      return mails;
    };
  }

  /** The {@code .eml} files the catcher writes to its folder (for a catcher in another process). */
  static Mailbox folder(Path folder) {
    return () -> {
      if (!Files.isDirectory(folder)) {
        return List.of();
      }
      var session = Session.getInstance(new Properties());
      var mails = new ArrayList<Mail>();
      try (Stream<Path> files = Files.list(folder)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".eml")).sorted().toList()) {
          try (InputStream in = Files.newInputStream(file)) {
            mails.add(Mail.of(new MimeMessage(session, in)));
          } catch (MessagingException e) {
            throw new IllegalStateException("unreadable message " + file, e);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return mails;
    };
  }
}
