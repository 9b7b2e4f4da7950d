package orderpay.adapters.rest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A gateway without routes or services, for a test class that reads the files it serves itself (the
 * storefront, the API docs): started before the class's tests, closed after them.
 */
final class GatewayPagesExtension implements BeforeAllCallback, AfterAllCallback {
  private final HttpClient http = HttpClient.newHttpClient();
  private GatewayServer gateway;

  @Override
  public void beforeAll(ExtensionContext context) {
    gateway = GatewayServer.start("127.0.0.1", 0, List.of(), List.of());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (gateway != null) {
      gateway.close();
      gateway = null;
    }
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
