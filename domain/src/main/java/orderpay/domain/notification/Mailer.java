package orderpay.domain.notification;

/** Sends one email; throws if the mail server did not accept it. */
public interface Mailer {
  void send(EmailMessage message);
}
