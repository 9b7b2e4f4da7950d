package orderpay.apps.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every backend service answers GET /metrics on its admin port, with its gRPC calls counted. */
class ServiceMetricsTest {
  private static RunningSandbox system;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    system = RunningSandbox.start(ServiceMetricsTest.class);
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  private static HttpResponse<String> metrics(String service) throws Exception {
    int port = system.sandbox.adminPort(service);
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyServiceServesItsMetrics() throws Exception {
    for (String service :
        List.of("user", "product", "inventory", "order", "payment", "notification")) {
      var answer = metrics(service);
      assertThat(answer.statusCode()).as(service).isEqualTo(200);
      assertThat(answer.body())
          .as(service)
          .contains(
              "jvm_memory_used_bytes", "outbox_pending", "service=\"" + service + "-service\"");
    }
  }

  @Test
  void aCallIsCountedByMethodAndStatus() throws Exception {
    // the products list goes gateway -> product service over gRPC
    assertThat(system.get("/api/v1/products", null).status()).isEqualTo(200);
    assertThat(metrics("product").body())
        .containsPattern("grpc_server_calls_seconds_count\\{[^}]*status=\"OK\"[^}]*\\} [1-9]");
  }
}
