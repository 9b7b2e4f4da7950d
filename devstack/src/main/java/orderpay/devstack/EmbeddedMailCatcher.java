package orderpay.devstack;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A real SMTP server (GreenMail) on loopback that keeps what it receives; with a folder, every
 * message is also written there as an {@code .eml} file any mail client opens.
 *
 * <p>Every second the received messages are taken out of GreenMail's store into the catcher's own,
 * which keeps the newest {@code keptInMemory} (the folder keeps them all): a sandbox under load
 * receives hundreds of messages a second, and a store that only grows ran a 2 GiB heap out of room
 * within the hour.
 */
public final class EmbeddedMailCatcher implements AutoCloseable {
  private static final System.Logger log = System.getLogger(EmbeddedMailCatcher.class.getName());
  // once, not per message: a sandbox under load writes hundreds of files a second
  private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  private static final Pattern NOT_IN_FILE_NAMES = Pattern.compile("[^A-Za-z0-9@._-]");

  /** Keeps every message in memory: tests and the fault battery read them all back. */
  public static final int KEEP_ALL = Integer.MAX_VALUE;

  private int port;
  private final Optional<Path> folder;
  private final int keptInMemory;
  private final ArrayDeque<MimeMessage> received = new ArrayDeque<>();
  private GreenMail greenMail;
  private int written; // over every run of the server: file names never repeat
  private final ScheduledExecutorService mover;

  static {
    // Jakarta Mail otherwise scans every jar for its stream provider on each message part it
    // parses (GreenMail parses every message): see SmtpMailer's MailStreams
    if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
      System.setProperty(
          "jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
    }
  }

  private EmbeddedMailCatcher(int port, Optional<Path> folder, int keptInMemory) {
    if (keptInMemory < 1) {
      throw new IllegalArgumentException("keep at least one message, not " + keptInMemory);
    }
    this.port = port;
    this.folder = folder;
    this.keptInMemory = keptInMemory;
    this.mover =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("mail-catcher").daemon().factory());
    start();
    mover.scheduleWithFixedDelay(this::takeReceivedOrLog, 1, 1, TimeUnit.SECONDS);
  }

  /** A catcher that keeps every message in memory. */
  public static EmbeddedMailCatcher start(int port, Optional<Path> folder) {
    return start(port, folder, KEEP_ALL);
  }

  /** A catcher that keeps the newest {@code keptInMemory} messages in memory. */
  public static EmbeddedMailCatcher start(int port, Optional<Path> folder, int keptInMemory) {
    return new EmbeddedMailCatcher(port, folder, keptInMemory);
  }

  /** (Re)starts the SMTP server on the same port: tests stop it to simulate an outage. */
  public synchronized void start() {
    if (greenMail == null) {
      greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      greenMail.start();
      port = greenMail.getSmtp().getPort();
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
      takeFrom(store);
      greenMail = null;
    }
  }

  public synchronized int port() {
    return greenMail == null ? port : greenMail.getSmtp().getPort();
  }

  /**
   * The messages received while the server ran (including earlier runs of this catcher), oldest
   * first: all of them, or the newest {@code keptInMemory}.
   */
  public synchronized List<MimeMessage> messages() {
    takeReceived();
    return List.copyOf(received);
  }

  /** A failure is told, not thrown: it would end the schedule. */
  private void takeReceivedOrLog() {
    try {
      takeReceived();
    } catch (RuntimeException e) {
      log.log(System.Logger.Level.WARNING, "the mail catcher could not take its messages", e);
    }
  }

  private synchronized void takeReceived() {
    if (greenMail != null) {
      takeFrom(greenMail.getManagers());
    }
  }

  /**
   * Moves every message out of the server's store: marked deleted and expunged, so a message that
   * arrives meanwhile stays for the next time.
   */
  private void takeFrom(Managers server) {
    var taken = new ArrayList<StoredMessage>();
    try {
      for (MailFolder mailbox : server.getImapHostManager().getStore().listMailboxes("*")) {
        var stored = List.copyOf(mailbox.getMessages()); // a view of a synchronized list
        if (stored.isEmpty()) {
          continue;
        }
        for (var message : stored) {
          message.setFlag(Flags.Flag.DELETED, true);
        }
        mailbox.expunge();
        taken.addAll(stored);
      }
    } catch (FolderException e) {
      throw new IllegalStateException("the mail catcher's store cannot be read", e);
    }
    taken.sort(Comparator.comparing(StoredMessage::getReceivedDate));
    var writable =
        taken.isEmpty() ? Optional.<Path>empty() : folder.filter(EmbeddedMailCatcher::exists);
    for (var message : taken) {
      keep(message.getMimeMessage(), writable);
    }
  }

  /** Once per batch: it throws and catches inside when the folder exists. */
  private static boolean exists(Path dir) {
    try {
      Files.createDirectories(dir);
      return true;
    } catch (IOException e) {
      return false; // unwritable: the messages stay readable through messages()
    }
  }

  private void keep(MimeMessage message, Optional<Path> writable) {
    writable.ifPresent(dir -> write(dir, message));
    received.addLast(message);
    if (received.size() > keptInMemory) {
      received.removeFirst(); // its file, if any, keeps it
    }
  }

  private void write(Path dir, MimeMessage message) {
    try {
      String to =
          message.getAllRecipients() == null ? "unknown" : message.getAllRecipients()[0].toString();
      String name =
          LocalDateTime.now().format(FILE_TIME)
              + "-"
              + (++written)
              + "-"
              + NOT_IN_FILE_NAMES.matcher(to).replaceAll("_")
              + ".eml";
      try (var out = Files.newOutputStream(dir.resolve(name))) {
        message.writeTo(out);
      }
    } catch (IOException | MessagingException e) {
      // unwritable: the message stays readable through messages()
    }
  }

  @Override
  public void close() {
    mover.shutdownNow();
    stop();
  }
}
