package orderpay.apps.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import orderpay.adapters.rest.Json;

/** A small HTTP client for a running system's gateway, as the end-to-end tests use it. */
class GatewayClient {
  record Reply(
      int status, JsonNode body, String text, Map<String, java.util.List<String>> headers) {}

  private static final int LARGE_BODY_CHARS = 16 * 1024;
  private final String gatewayUrl;
  private final HttpClient http = HttpClient.newHttpClient();

  GatewayClient(String gatewayUrl) {
    this.gatewayUrl = gatewayUrl;
  }

  Reply sendWithHeader(
      String method, String path, String json, String token, String header, String value) {
    return send(method, path, "application/json", json, token, header, value);
  }

  Reply send(String method, String path, String contentType, String body, String token) {
    return send(method, path, contentType, body, token, null, null);
  }

  Reply send(
      String method,
      String path,
      String contentType,
      String body,
      String token,
      String header,
      String value) {
    var request =
        HttpRequest.newBuilder(URI.create(gatewayUrl + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null && body.length() > LARGE_BODY_CHARS) {
      // a large body asks first (Expect: 100-continue), as careful clients do: the gateway may
      // refuse it (413) unread and close, and a client still writing would see a broken pipe
      // instead of the answer
      request.expectContinue(true);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (header != null) {
      request.header(header, value);
    }
    try {
      var response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      String text = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
      boolean isJson =
          response.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
      JsonNode json =
          isJson && response.body().length > 0 ? Json.MAPPER.readTree(response.body()) : null;
      return new Reply(response.statusCode(), json, text, response.headers().map());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Reply post(String path, String json, String token) {
    return send("POST", path, "application/json", json, token);
  }

  Reply post(String path, String json) {
    return send("POST", path, "application/json", json, null);
  }

  Reply get(String path, String token) {
    return send("GET", path, null, null, token);
  }
}
