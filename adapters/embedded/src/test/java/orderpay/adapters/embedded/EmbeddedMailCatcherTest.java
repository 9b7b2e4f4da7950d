package orderpay.adapters.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMailCatcherTest {

  /** The fault battery stops the catcher under load: what it acknowledged must not vanish. */
  @Test
  void everyMessageTheServerAcknowledgedSurvivesAStop(@TempDir Path folder) throws Exception {
    int port = FreePorts.next();
    var catcher = EmbeddedMailCatcher.start(port, Optional.of(folder));
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    var numbers = new AtomicInteger();
    try {
      for (int cycle = 0; cycle < 5; cycle++) {
        var sending = new AtomicBoolean(true);
        var senders = new ArrayList<Thread>();
        for (int s = 0; s < 3; s++) {
          senders.add(
              Thread.ofPlatform()
                  .start(
                      () -> {
                        while (sending.get()) {
                          String subject = "message-" + numbers.incrementAndGet();
                          try {
                            send(port, subject);
                            acknowledged.add(subject);
                          } catch (MessagingException refusedOrCut) {
                            pause(); // the server is down: try again shortly
                          }
                        }
                      }));
        }
        int before = acknowledged.size();
        awaitAtLeast(acknowledged, before + 20);
        catcher.stop(); // while the senders are mid-conversation
        sending.set(false);
        for (var sender : senders) {
          sender.join();
        }
        catcher.start();
      }
    } finally {
      catcher.close();
    }
    var kept = new ArrayList<String>();
    for (var message : catcher.messages()) {
      kept.add(message.getSubject());
    }
    assertThat(kept).containsAll(acknowledged);
    var written = new StringBuilder();
    try (var files = Files.list(folder)) {
      for (var file : files.toList()) {
        written.append(Files.readString(file)).append('\n');
      }
    }
    for (String subject : acknowledged) {
      assertThat(written.toString()).as("the .eml file of %s", subject).contains(subject + "\r\n");
    }
  }

  private static void send(int port, String subject) throws MessagingException {
    var props = new Properties();
    props.put("mail.smtp.host", "127.0.0.1");
    props.put("mail.smtp.port", Integer.toString(port));
    props.put("mail.smtp.connectiontimeout", "2000");
    props.put("mail.smtp.timeout", "2000");
    var message = new MimeMessage(Session.getInstance(props));
    message.setFrom(new InternetAddress("shop@example.com"));
    message.setRecipients(Message.RecipientType.TO, "customer@example.com");
    message.setSubject(subject);
    message.setText("hello");
    Transport.send(message);
  }

  private static void awaitAtLeast(Set<String> acknowledged, int count) {
    var until = Instant.now().plus(Duration.ofSeconds(30));
    while (acknowledged.size() < count) {
      if (Instant.now().isAfter(until)) {
        throw new AssertionError("only " + acknowledged.size() + " messages acknowledged");
      }
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
