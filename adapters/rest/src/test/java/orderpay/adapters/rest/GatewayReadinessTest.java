package orderpay.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import orderpay.adapters.grpc.GrpcChannels;
import orderpay.adapters.grpc.GrpcServerHost;
import orderpay.adapters.grpc.auth.CallerCheck;
import orderpay.adapters.grpc.auth.CallerPolicy;
import orderpay.adapters.grpc.auth.ServiceCredentials;
import orderpay.adapters.grpc.auth.ServiceKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /health/ready follows the downstreams' gRPC health and names the one that is not ready. */
class GatewayReadinessTest {
  private static GrpcServerHost orders;
  private static GrpcServerHost users;
  private static GrpcChannels.Client orderChannel;
  private static GrpcChannels.Client userChannel;
  private static GatewayServer gateway;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    var key = ServiceKey.generate();
    var nobody = new CallerCheck(key, CallerPolicy.builder().build());
    orders = GrpcServerHost.start("order-test", "127.0.0.1", 0, List.of(), nobody);
    users = GrpcServerHost.start("user-test", "127.0.0.1", 0, List.of(), nobody);
    var asGateway = new ServiceCredentials(key, "gateway");
    orderChannel = GrpcChannels.open(orders.target(), Duration.ofSeconds(5), asGateway);
    userChannel = GrpcChannels.open(users.target(), Duration.ofSeconds(5), asGateway);
    gateway =
        GatewayServer.start(
            "127.0.0.1",
            0,
            List.of(
                new Downstream("user-service", userChannel.channel()),
                new Downstream("order-service", orderChannel.channel())),
            List.of());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    orderChannel.close();
    userChannel.close();
    orders.close();
    users.close();
  }

  private static HttpResponse<String> ready() throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/health/ready"))
            .GET()
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aDownstreamNotServingMakesTheGatewayNotReadyAndIsNamed() throws Exception {
    assertThat(ready().statusCode()).isEqualTo(200);

    orders.setServing(false);
    var notReady = ready();
    assertThat(notReady.statusCode()).isEqualTo(503);
    var checks = Json.MAPPER.readTree(notReady.body()).get("checks");
    assertThat(checks.get("order-service").asText()).isEqualTo("DOWN");
    assertThat(checks.get("user-service").asText()).isEqualTo("UP");

    orders.setServing(true);
    assertThat(ready().statusCode()).isEqualTo(200);
  }
}
