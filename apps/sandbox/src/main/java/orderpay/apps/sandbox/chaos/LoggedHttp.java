package orderpay.apps.sandbox.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import orderpay.apps.sandbox.chaos.RequestLog.Exchange;
import orderpay.apps.sandbox.chaos.RequestLog.Kind;

/**
 * The load's HTTP client: every request and its answer (or its lack of one) goes to the {@link
 * RequestLog} the auditor reads, credentials blanked. No answer is status 0: outcome unknown.
 */
final class LoggedHttp {
  static final ObjectMapper JSON = new ObjectMapper();

  /** A signed-up customer: the user the audit attributes orders to, and the token they send. */
  record Customer(String userId, String token) {}

  record Answer(int status, JsonNode body) {
    /** The id of what the answer describes (an order, a product). */
    String id() {
      return body == null ? null : text(body.get("id"));
    }

    boolean succeeded() {
      return status / 100 == 2;
    }
  }

  private final Duration timeout;
  private final RequestLog log;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .executor(Executors.newVirtualThreadPerTaskExecutor())
          .build();

  LoggedHttp(Duration timeout, RequestLog log) {
    this.timeout = timeout;
    this.log = log;
  }

  /** A request by {@code who} (a client, a twin, {@code setup}), logged as {@code kind}. */
  Call call(String who, Kind kind, String method, String url) {
    return new Call(who, kind, method, url);
  }

  /** One request being put together; {@link #send()} sends and logs it. */
  final class Call {
    private final String who;
    private final Kind kind;
    private final String method;
    private final String url;
    private String body;
    private String contentType;
    private Customer customer;
    private String bearer;
    private String idempotencyKey;
    private String orderId;

    private Call(String who, Kind kind, String method, String url) {
      this.who = who;
      this.kind = kind;
      this.method = method;
      this.url = url;
    }

    Call json(JsonNode json) {
      return body(json.toString(), "application/json");
    }

    Call form(String form) {
      return body(form, "application/x-www-form-urlencoded");
    }

    /** A POST with an empty body, as a button press sends it. */
    Call empty() {
      return body("", null);
    }

    private Call body(String body, String contentType) {
      this.body = body;
      this.contentType = contentType;
      return this;
    }

    /** On behalf of a customer: logged under their user id, sent with their token. */
    Call by(Customer customer) {
      this.customer = customer;
      return this;
    }

    /** Another token than the customer's (a publishable key at Stripe). */
    Call bearer(String token) {
      this.bearer = token;
      return this;
    }

    Call idempotencyKey(String key) {
      this.idempotencyKey = key;
      return this;
    }

    /** The order the request is about, for the log. */
    Call about(String orderId) {
      this.orderId = orderId;
      return this;
    }

    Answer send() {
      var request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(timeout)
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body));
      if (contentType != null) {
        request.header("Content-Type", contentType);
      }
      String token = bearer != null ? bearer : customer == null ? null : customer.token();
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      if (idempotencyKey != null) {
        request.header("Idempotency-Key", idempotencyKey);
      }
      long sent = System.currentTimeMillis();
      var answer = answer(request.build());
      long took = System.currentTimeMillis() - sent;
      boolean credentials = url.contains("/auth/") || url.endsWith("/users");
      String named =
          kind == Kind.CREATE_ORDER && answer.body() != null && answer.succeeded()
              ? answer.id()
              : orderId;
      log.record(
          seq ->
              new Exchange(
                  seq,
                  who,
                  kind,
                  method,
                  url.replaceFirst("^https?://[^/]+", ""),
                  customer == null ? null : customer.userId(),
                  idempotencyKey,
                  credentials ? "(credentials)" : body,
                  answer.status(),
                  named,
                  answer.body() == null ? null : text(answer.body().at("/error/code")),
                  sent,
                  took));
      return answer;
    }
  }

  /** The status and JSON body of the answer to {@code request}; status 0 when none came. */
  private Answer answer(HttpRequest request) {
    int status = 0;
    JsonNode body = null;
    try {
      var response = http.send(request, HttpResponse.BodyHandlers.ofString());
      status = response.statusCode();
      if (!response.body().isBlank()
          && response.headers().firstValue("Content-Type").orElse("").contains("json")) {
        body = JSON.readTree(response.body());
      }
    } catch (IOException e) {
      // no answer (timeout, connection cut): status 0, outcome unknown
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new Answer(status, body);
  }

  /** A JSON field's text; null when missing, null or empty. */
  static String text(JsonNode node) {
    return node == null || node.isMissingNode() || node.isNull() || node.asText().isEmpty()
        ? null
        : node.asText();
  }

  static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
