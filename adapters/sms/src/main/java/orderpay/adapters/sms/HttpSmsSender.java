package orderpay.adapters.sms;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import orderpay.domain.notification.SmsSender;

/**
 * An HTTP SMS gateway: {@code POST <url>} with {@code {"to": ..., "body": ...}} and a bearer token.
 * Without a URL it is unconfigured, and the service refuses SMS rather than pretend to send.
 */
public final class HttpSmsSender implements SmsSender {
  private final URI url;
  private final String token;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  public HttpSmsSender(String url, String token) {
    this.url = url == null || url.isBlank() ? null : URI.create(url);
    this.token = token;
  }

  @Override
  public boolean isConfigured() {
    return url != null;
  }

  @Override
  public void send(String phoneNumber, String body) {
    if (url == null) {
      throw new IllegalStateException("sms channel not configured");
    }
    String json =
        "{\"to\":\"" + jsonEscape(phoneNumber) + "\",\"body\":\"" + jsonEscape(body) + "\"}";
    var request =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null && !token.isBlank()) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status < 200 || status >= 300) {
        throw new IllegalStateException("SMS gateway answered " + status);
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException("SMS gateway unreachable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String jsonEscape(String text) {
    var out = new StringBuilder();
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
