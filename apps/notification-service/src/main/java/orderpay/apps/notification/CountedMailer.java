package orderpay.apps.notification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import orderpay.domain.notification.EmailMessage;
import orderpay.domain.notification.Mailer;

/**
 * Counts what the mail server took ({@code emails.sent}) and what it refused or never got ({@code
 * emails.failed}: each failed attempt; the message is retried with backoff, and parked in the DLQ
 * only after its last attempt).
 */
final class CountedMailer implements Mailer {
  private final Mailer mailer;
  private final Counter sent;
  private final Counter failed;

  CountedMailer(Mailer mailer, MeterRegistry registry) {
    this.mailer = mailer;
    this.sent =
        Counter.builder("emails.sent")
            .description("emails the mail server accepted")
            .register(registry);
    this.failed =
        Counter.builder("emails.failed")
            .description("attempts to send an email that failed (each is retried)")
            .register(registry);
  }

  @Override
  public void send(EmailMessage message) {
    try {
      mailer.send(message);
    } catch (RuntimeException e) {
      failed.increment();
      throw e;
    }
    sent.increment();
  }
}
