package orderpay.domain.notification;

/** Hands one email to the mail server; throws if the server did not accept it. */
public interface Mailer {
  void send(EmailMessage message);
}
