package orderpay.domain.notification;

/**
 * An SMS gateway. {@link #isConfigured()} is false where none is set up: SMS is then refused, never
 * faked.
 */
public interface SmsSender {
  boolean isConfigured();

  void send(String phoneNumber, String body);
}
