package orderpay.adapters.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SMS adapter against a stub gateway on loopback. */
class HttpSmsSenderTest {
  private final List<String> received = new CopyOnWriteArrayList<>();
  private volatile int answer = 202;
  private HttpServer gateway;

  @BeforeEach
  void start() throws IOException {
    gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    gateway.createContext(
        "/sms",
        exchange -> {
          received.add(
              exchange.getRequestHeaders().getFirst("Authorization")
                  + " "
                  + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(answer, -1);
          exchange.close();
        });
    gateway.start();
  }

  @AfterEach
  void stop() {
    gateway.stop(0);
  }

  private HttpSmsSender sender() {
    return new HttpSmsSender(
        "http://127.0.0.1:" + gateway.getAddress().getPort() + "/sms", "sms-token");
  }

  @Test
  void postsTheMessageAsJsonWithTheToken() {
    var sms = sender();
    assertThat(sms.isConfigured()).isTrue();
    sms.send("+4915112345678", "Your order \"42\" shipped\n");
    assertThat(received)
        .containsExactly(
            "Bearer sms-token {\"to\":\"+4915112345678\",\"body\":\"Your order \\\"42\\\" shipped\\n\"}");
  }

  @Test
  void aGatewayErrorIsAnError() {
    answer = 503;
    assertThatThrownBy(() -> sender().send("+4915112345678", "hi")).hasMessageContaining("503");
  }

  @Test
  void unconfiguredSmsIsRefusedNotFaked() {
    var sms = new HttpSmsSender("", null);
    assertThat(sms.isConfigured()).isFalse();
    assertThatThrownBy(() -> sms.send("+4915112345678", "hi"))
        .hasMessageContaining("not configured");
  }
}
