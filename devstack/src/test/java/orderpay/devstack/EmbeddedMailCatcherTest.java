package orderpay.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import orderpay.domain.testing.Eventually;
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
        var stopSending = new CountDownLatch(1);
        var senders = new ArrayList<Thread>();
        for (int s = 0; s < 3; s++) {
          senders.add(
              Thread.ofPlatform()
                  .start(
                      () -> {
                        while (stopSending.getCount() > 0) {
                          String subject = "message-" + numbers.incrementAndGet();
                          try {
                            send(port, subject);
                            acknowledged.add(subject);
                          } catch (MessagingException refusedOrCut) {
                            retryShortlyUnless(stopSending); // the server is down
                          }
                        }
                      }));
        }
        int wanted = acknowledged.size() + 20;
        Eventually.await(
            wanted + " acknowledged messages",
            Duration.ofSeconds(30),
            () -> acknowledged.size() >= wanted);
        catcher.stop(); // while the senders are mid-conversation
        stopSending.countDown();
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

  /**
   * A sandbox under load receives hundreds of messages a second: memory keeps the newest, the
   * folder keeps every one, and GreenMail's own store is emptied as they are taken.
   */
  @Test
  void keepsTheNewestInMemoryAndEveryOneInTheFolder(@TempDir Path folder) throws Exception {
    int port = FreePorts.next();
    try (var catcher = EmbeddedMailCatcher.start(port, Optional.of(folder), 3)) {
      for (int i = 1; i <= 7; i++) {
        send(port, "message-" + i);
        if (i == 4) {
          assertThat(subjects(catcher)).containsExactly("message-2", "message-3", "message-4");
        }
      }
      assertThat(subjects(catcher)).containsExactly("message-5", "message-6", "message-7");
      assertThat(fileCount(folder)).isEqualTo(7);
      send(port, "message-8");
      send(port, "message-9");
      Eventually.await(
          "the new messages moved out of GreenMail on the catcher's own schedule",
          Duration.ofSeconds(10),
          () -> fileCount(folder) == 9);
      assertThat(subjects(catcher)).containsExactly("message-7", "message-8", "message-9");
    }
  }

  private static long fileCount(Path folder) {
    try (var files = Files.list(folder)) {
      return files.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> subjects(EmbeddedMailCatcher catcher) throws MessagingException {
    var subjects = new ArrayList<String>();
    for (var message : catcher.messages()) {
      subjects.add(message.getSubject());
    }
    return subjects;
  }

  /** Backs off a little before the next attempt, and not at all once the test stops sending. */
  private static void retryShortlyUnless(CountDownLatch stopSending) {
    try {
      stopSending.await(5, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
}
