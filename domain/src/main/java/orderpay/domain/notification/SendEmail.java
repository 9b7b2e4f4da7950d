package orderpay.domain.notification;

import java.util.Optional;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.IdGenerator;
import orderpay.domain.shared.Transactions;
import orderpay.domain.user.Email;
import orderpay.domain.user.UserId;

/**
 * An ad-hoc email an operator sends by hand, recorded PENDING once per idempotency key (a fresh key
 * if none is given); {@link DispatchNotifications} sends it like any other.
 */
public record SendEmail(RecordNotification recording, Transactions transactions, IdGenerator ids) {

  /** Records the email to {@code to}, or returns the one already recorded under this key. */
  public Notification send(
      String idempotencyKey, UserId userId, String to, String subject, String text, String html) {
    var address = Email.parse(to);
    if (subject == null || subject.isBlank() || subject.length() > 300) {
      throw DomainException.invalidField("subject", "subject is required (at most 300 characters)");
    }
    if (text == null || text.isBlank() || text.length() > 100_000) {
      throw DomainException.invalidField(
          "text_body", "text_body is required (at most 100000 characters)");
    }
    String key =
        "custom:"
            + (idempotencyKey == null || idempotencyKey.isBlank() ? ids.newId() : idempotencyKey);
    return transactions.inTransaction(
        () ->
            recording.recordOnce(
                key,
                Template.CUSTOM,
                userId,
                null,
                address.value(),
                EmailTemplates.custom(subject, text, html),
                Optional.empty()));
  }
}
