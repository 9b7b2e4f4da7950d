package orderpay.apps.kit;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A service's admin port: {@code GET /metrics} in Prometheus text format. Plain HTTP on its own
 * port, so scraping never competes with gRPC traffic and needs no client certificate.
 */
final class AdminServer implements AutoCloseable {
  private final HttpServer server;

  private AdminServer(HttpServer server) {
    this.server = server;
  }

  static AdminServer start(String host, int port, PrometheusMeterRegistry registry) {
    try {
      var server = HttpServer.create(new InetSocketAddress(host, port), 16);
      server.createContext(
          "/metrics",
          exchange -> {
            try (exchange) {
              if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
              }
              byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
              exchange
                  .getResponseHeaders()
                  .set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
              exchange.sendResponseHeaders(200, body.length);
              exchange.getResponseBody().write(body);
            }
          });
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      server.start();
      return new AdminServer(server);
    } catch (IOException e) {
      throw new UncheckedIOException("admin port " + port + " could not be opened", e);
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
