package orderpay.apps.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import orderpay.domain.notification.EmailMessage;
import orderpay.domain.user.Email;
import org.junit.jupiter.api.Test;

class CountedMailerTest {
  private static final EmailMessage MESSAGE =
      new EmailMessage("n-1", new Email("customer@example.com"), "Paid", "text", "<p>html</p>");

  @Test
  void whatTheServerTookIsSentAndWhatItRefusedIsFailedAndStillThrown() {
    var registry = new SimpleMeterRegistry();
    var serverDown = new AtomicBoolean();
    var mailer =
        new CountedMailer(
            message -> {
              if (serverDown.get()) {
                throw new IllegalStateException("SMTP refused the message");
              }
            },
            registry);

    mailer.send(MESSAGE);
    mailer.send(MESSAGE);
    serverDown.set(true);
    assertThatThrownBy(() -> mailer.send(MESSAGE)).hasMessageContaining("SMTP refused");

    assertThat(registry.get("emails.sent").counter().count()).isEqualTo(2);
    assertThat(registry.get("emails.failed").counter().count()).isEqualTo(1);
  }
}
