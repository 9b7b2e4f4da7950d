package orderpay.adapters.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.net.HttpClient;
import com.stripe.net.HttpHeaders;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;
import com.stripe.net.StripeResponseStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;

/**
 * stripe-java's own transport ({@code HttpURLConnectionClient}: one kept-alive HttpURLConnection
 * per call, the same timeouts, headers and connection errors) with the client user-agent header
 * made once. The library's client makes that header on every request and, to do so, reads Gson's
 * {@code pom.properties} through the class path, a walk over every jar: 2 % of the sandbox's CPU
 * samples at 80 orders a second, for a value that cannot change while the process runs. Requests,
 * retries, idempotency keys and responses stay stripe-java's.
 */
final class StripeTransport extends HttpClient {
  private static final String CLIENT_USER_AGENT = buildXStripeClientUserAgentString();

  @Override
  public StripeResponseStream requestStream(StripeRequest request) throws ApiConnectionException {
    try {
      HttpURLConnection connection = open(request);
      int code = connection.getResponseCode();
      InputStream body =
          code >= 200 && code < 300 ? connection.getInputStream() : connection.getErrorStream();
      return new StripeResponseStream(code, HttpHeaders.of(connection.getHeaderFields()), body);
    } catch (IOException e) {
      throw unreachable(request, e);
    }
  }

  @Override
  public StripeResponse request(StripeRequest request) throws ApiConnectionException {
    StripeResponseStream answer = requestStream(request);
    try (InputStream body = answer.body()) {
      String text = body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
      return new StripeResponse(answer.code(), answer.headers(), text);
    } catch (IOException e) {
      throw unreachable(request, e);
    }
  }

  private static HttpURLConnection open(StripeRequest request) throws IOException {
    var connection = (HttpURLConnection) request.url().openConnection();
    connection.setConnectTimeout(request.options().getConnectTimeout());
    connection.setReadTimeout(request.options().getReadTimeout());
    connection.setUseCaches(false);
    request
        .headers()
        .map()
        .forEach((name, values) -> connection.setRequestProperty(name, String.join(",", values)));
    connection.setRequestProperty("User-Agent", buildUserAgentString(request));
    connection.setRequestProperty("X-Stripe-Client-User-Agent", CLIENT_USER_AGENT);
    connection.setRequestMethod(request.method().name());
    if (request.content() != null) {
      connection.setDoOutput(true);
      connection.setRequestProperty("Content-Type", request.content().contentType());
      try (OutputStream out = connection.getOutputStream()) {
        out.write(request.content().byteArrayContent());
      }
    }
    return connection;
  }

  /** Worded as stripe-java words it, so callers and logs see the same failure. */
  private static ApiConnectionException unreachable(StripeRequest request, IOException e) {
    return new ApiConnectionException(
        "IOException during API request to Stripe (%s://%s): %s Please check your internet connection and try again."
            .formatted(request.url().getProtocol(), request.url().getAuthority(), e.getMessage()),
        e);
  }
}
