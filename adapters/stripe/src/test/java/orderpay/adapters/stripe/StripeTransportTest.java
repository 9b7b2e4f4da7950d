package orderpay.adapters.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.param.PaymentIntentCreateParams;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Our transport under stripe-java: what goes on the wire, and how failures come back. */
class StripeTransportTest {
  private HttpServer server;
  private final AtomicReference<Headers> seen = new AtomicReference<>();
  private final AtomicReference<String> body = new AtomicReference<>();
  private volatile int status = 200;
  private volatile String answer =
      """
      {"id":"pi_1","object":"payment_intent","amount":1250,"currency":"eur","status":"succeeded"}""";

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          seen.set(exchange.getRequestHeaders());
          body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Request-Id", "req_1");
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private StripeClient client(String apiBase) {
    return StripeClient.builder()
        .setApiKey("sk_test_transport")
        .setApiBase(apiBase)
        .setMaxNetworkRetries(0)
        .setHttpClient(new StripeTransport())
        .build();
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void aCallCarriesStripeJavasHeadersAndItsFormBodyAndReadsTheAnswer() throws Exception {
    var intent =
        client(base())
            .paymentIntents()
            .create(
                PaymentIntentCreateParams.builder().setAmount(1250L).setCurrency("eur").build());

    assertThat(intent.getId()).isEqualTo("pi_1");
    assertThat(intent.getLastResponse().requestId()).isEqualTo("req_1");
    Headers headers = seen.get();
    assertThat(headers.getFirst("Authorization")).isEqualTo("Bearer sk_test_transport");
    assertThat(headers.getFirst("User-Agent")).startsWith("Stripe/v1 JavaBindings/");
    assertThat(headers.getFirst("X-Stripe-Client-User-Agent"))
        .contains("\"bindings.version\"", "\"gson.version\"");
    assertThat(headers.getFirst("Stripe-Version")).isNotBlank();
    assertThat(headers.getFirst("Idempotency-Key")).isNotBlank(); // stripe-java adds one to POSTs
    assertThat(headers.getFirst("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(body.get()).contains("amount=1250").contains("currency=eur");
  }

  @Test
  void anErrorAnswerBecomesStripeJavasErrorWithItsMessage() {
    status = 400;
    answer =
        """
        {"error":{"type":"invalid_request_error","code":"parameter_missing",
                  "message":"Missing required param: currency."}}""";

    assertThatThrownBy(
            () ->
                client(base())
                    .paymentIntents()
                    .create(PaymentIntentCreateParams.builder().setAmount(1L).build()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("Missing required param: currency.");
  }

  @Test
  void nobodyListeningIsAConnectionFailureAsStripeJavaReportsIt() throws IOException {
    int closedPort;
    try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    assertThatThrownBy(
            () -> client("http://127.0.0.1:" + closedPort).paymentIntents().retrieve("pi_1"))
        .isInstanceOf(ApiConnectionException.class)
        .hasMessageContaining("IOException during API request to Stripe");
  }
}
