package orderpay.apps.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import orderpay.adapters.embedded.SharedTestInfrastructure;
import orderpay.adapters.rest.Json;
import orderpay.adapters.runtime.Env;

/**
 * The whole system for an end-to-end test class, on the JVM's shared PostgreSQL and Kafka, with its
 * own databases, topics, ports and data folder; plus a small HTTP client for its gateway.
 */
final class RunningSandbox implements AutoCloseable {
  record Reply(
      int status, JsonNode body, String text, Map<String, java.util.List<String>> headers) {}

  final Sandbox sandbox;
  final Path dataDir;
  private final HttpClient http = HttpClient.newHttpClient();

  private RunningSandbox(Sandbox sandbox, Path dataDir) {
    this.sandbox = sandbox;
    this.dataDir = dataDir;
  }

  static RunningSandbox start(Class<?> testClass) {
    return start(testClass, Map.of());
  }

  /** With environment overrides (short TTLs, emulator faults) for this test class only. */
  static RunningSandbox start(Class<?> testClass, Map<String, String> overrides) {
    try {
      Path dataDir = Files.createTempDirectory("orderpay-e2e");
      String prefix = SharedTestInfrastructure.freshDatabase(testClass).replaceAll(".*/", "");
      var settings = SandboxSettings.ephemeral(dataDir, "admin@orderpay.test", prefix);
      var env =
          Env.system()
              .with(
                  Map.of(
                      "KAFKA_TOPIC_PREFIX",
                      SharedTestInfrastructure.topicPrefix(testClass),
                      "ORDERPAY_ADMIN_PASSWORD",
                      "admin-password-e2e",
                      // tests talk to the local emulator only, whatever the machine's environment
                      // says
                      "STRIPE_SECRET_KEY",
                      "",
                      "STRIPE_WEBHOOK_SECRET",
                      ""))
              .with(overrides);
      var sandbox =
          Sandbox.start(
              env,
              settings,
              SharedTestInfrastructure.postgres(),
              SharedTestInfrastructure.kafka().bootstrapServers());
      return new RunningSandbox(sandbox, dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
        HttpRequest.newBuilder(URI.create(sandbox.gatewayUrl() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
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

  @Override
  public void close() {
    sandbox.close();
  }
}
