package orderpay.apps.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * docker/compose.yaml brings the system up on real PostgreSQL and Kafka containers. Runs where a
 * Docker engine exists; skipped cleanly where none does (as on the CI machine).
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerComposeTest {
  @Container
  static final ComposeContainer compose =
      new ComposeContainer(new File("../../docker/compose.yaml"))
          .withEnv(
              Map.of(
                  "POSTGRES_PASSWORD", "compose-test-only",
                  "ORDERPAY_ADMIN_PASSWORD", "compose-admin-only",
                  "STRIPE_WEBHOOK_SECRET", "whsec_compose_test_only"))
          .withBuild(true)
          .withExposedService(
              "gateway",
              8080,
              Wait.forHttp("/health/ready")
                  .forStatusCode(200)
                  .withStartupTimeout(Duration.ofMinutes(5)));

  @Test
  void aCustomerSignsUpAndLogsInThroughTheComposedSystem() throws Exception {
    String base =
        "http://"
            + compose.getServiceHost("gateway", 8080)
            + ":"
            + compose.getServicePort("gateway", 8080);
    var http = HttpClient.newHttpClient();
    var signUp =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/users"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"compose@example.com\",\"password\":\"compose-pass\",\"name\":\"C\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(signUp.statusCode()).isEqualTo(201);
    var login =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"compose@example.com\",\"password\":\"compose-pass\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(200);
  }
}
