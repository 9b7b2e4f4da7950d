package orderpay.devstack;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A real SMTP server (GreenMail) on loopback that keeps what it receives; with a folder, every
 * message is also written there as an {@code .eml} file any mail client opens.
 */
public final class EmbeddedMailCatcher implements AutoCloseable {
  private int port;
  private final Optional<Path> folder;
  private GreenMail greenMail;
  private int written; // of the running server's store
  private int files; // over every run of the server: file names never repeat
  private final ScheduledExecutorService writer;

  static {
    // Jakarta Mail otherwise scans every jar for its stream provider on each message part it
    // parses (GreenMail parses every message): see SmtpMailer's MailStreams
    if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
      System.setProperty(
          "jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
    }
  }

  private EmbeddedMailCatcher(int port, Optional<Path> folder) {
    this.port = port;
    this.folder = folder;
    this.writer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("mail-catcher").daemon().factory());
    start();
    // every second: GreenMail hands out its whole store to find the new ones, so under load a
    // shorter period costs the catcher more than it is worth to a person opening the files
    folder.ifPresent(dir -> writer.scheduleWithFixedDelay(this::writeNew, 1, 1, TimeUnit.SECONDS));
  }

  public static EmbeddedMailCatcher start(int port, Optional<Path> folder) {
    return new EmbeddedMailCatcher(port, folder);
  }

  /** (Re)starts the SMTP server on the same port: tests stop it to simulate an outage. */
  public synchronized void start() {
    if (greenMail == null) {
      greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      greenMail.start();
      port = greenMail.getSmtp().getPort();
      written = 0;
    }
  }

  /**
   * Stops the SMTP server, keeping everything it acknowledged. The server stops first: a message
   * whose 250 went out is in its store by then, and no other can arrive. The store is read after
   * that (GreenMail starts a fresh one on stop, so the old one is held on to). Reading it before
   * stopping lost what came in between, though its sender had been told it was delivered.
   */
  public synchronized void stop() {
    if (greenMail != null) {
      Managers store = greenMail.getManagers();
      greenMail.stop();
      var received =
          store.getImapHostManager().getAllMessages().stream()
              .map(StoredMessage::getMimeMessage)
              .toArray(MimeMessage[]::new);
      writeNew(received);
      earlier.addAll(List.of(received));
      greenMail = null;
    }
  }

  public synchronized int port() {
    return greenMail == null ? port : greenMail.getSmtp().getPort();
  }

  /** Every message received while the server ran (including earlier runs of this catcher). */
  public synchronized List<MimeMessage> messages() {
    var all = new java.util.ArrayList<>(earlier);
    if (greenMail != null) {
      all.addAll(List.of(greenMail.getReceivedMessages()));
    }
    return all;
  }

  private final java.util.List<MimeMessage> earlier = new java.util.ArrayList<>();

  private synchronized void writeNew() {
    if (greenMail != null) {
      writeNew(greenMail.getReceivedMessages());
    }
  }

  private void writeNew(MimeMessage[] messages) {
    if (folder.isEmpty() || written >= messages.length) {
      return;
    }
    Path dir = folder.orElseThrow();
    try {
      Files.createDirectories(dir); // once per batch: it throws and catches inside when dir exists
    } catch (IOException e) {
      return; // unwritable: the messages stay readable through messages()
    }
    for (; written < messages.length; written++) {
      var message = messages[written];
      try {
        String to =
            message.getAllRecipients() == null
                ? "unknown"
                : message.getAllRecipients()[0].toString();
        String name =
            LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + "-"
                + (++files)
                + "-"
                + to.replaceAll("[^A-Za-z0-9@._-]", "_")
                + ".eml";
        try (var out = Files.newOutputStream(dir.resolve(name))) {
          message.writeTo(out);
        }
      } catch (IOException | MessagingException e) {
        // a message that cannot be written stays readable through messages()
      }
    }
  }

  @Override
  public void close() {
    writer.shutdownNow();
    stop();
  }
}
