package orderpay.adapters.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Just enough SMTP to accept mail, except for recipients whose address starts with {@code refused}:
 * those get a permanent 550, as a real server answers for a mailbox that does not exist.
 */
final class RefusingSmtpServer implements AutoCloseable {
  private final ServerSocket listener;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger delivered = new AtomicInteger();

  RefusingSmtpServer() throws IOException {
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(this::acceptLoop);
  }

  int port() {
    return listener.getLocalPort();
  }

  int connectionsAccepted() {
    return connections.get();
  }

  int delivered() {
    return delivered.get();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        connections.incrementAndGet();
        Thread.ofVirtual().start(() -> converse(client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void converse(Socket client) {
    try (client;
        var in =
            new BufferedReader(
                new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII))) {
      OutputStream out = client.getOutputStream();
      say(out, "220 refusing.test ESMTP");
      String line;
      while ((line = in.readLine()) != null) {
        String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line;
        switch (command) {
          case "EHLO", "HELO" -> say(out, "250 refusing.test");
          case "MAIL", "RSET", "NOOP" -> say(out, "250 OK");
          case "RCPT" ->
              say(
                  out,
                  line.toLowerCase().contains("<refused") ? "550 5.1.1 no such mailbox" : "250 OK");
          case "DATA" -> {
            say(out, "354 go ahead");
            while ((line = in.readLine()) != null && !line.equals(".")) {
              // the message body
            }
            delivered.incrementAndGet();
            say(out, "250 OK queued");
          }
          case "QUIT" -> {
            say(out, "221 bye");
            return;
          }
          default -> say(out, "502 not implemented");
        }
      }
    } catch (IOException dropped) {
      // the client went away
    }
  }

  private static void say(OutputStream out, String reply) throws IOException {
    out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
