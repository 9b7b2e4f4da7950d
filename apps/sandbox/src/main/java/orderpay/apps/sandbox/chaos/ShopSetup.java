package orderpay.apps.sandbox.chaos;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import orderpay.apps.sandbox.chaos.LoggedHttp.Answer;
import orderpay.apps.sandbox.chaos.LoggedHttp.Customer;
import orderpay.apps.sandbox.chaos.RequestLog.Kind;

/**
 * What the load needs before its customers act: the admin's login, products whose stock is
 * orderable, and signed-up customers. Asks again, for up to a minute, where a service that a
 * previous scenario killed may still be coming back.
 */
record ShopSetup(LoggedHttp http, String gatewayUrl, RequestLog log, long seed) {
  private static final String WHO = "setup";

  /**
   * The admin's login, asked again for up to a minute: a service the previous scenario killed can
   * be serving again while the gateway's channel to it still waits out its reconnect backoff (full
   * battery run 19: the load never started). Logging in changes nothing, so asking again is safe.
   */
  String firstLogin(String email, String password) {
    var deadline = Instant.now().plusSeconds(60);
    while (true) {
      try {
        return login(email, password);
      } catch (IllegalStateException refused) {
        if (Instant.now().isAfter(deadline)) {
          throw refused;
        }
        LoggedHttp.pause(Duration.ofMillis(500));
      }
    }
  }

  private String login(String email, String password) {
    ObjectNode body =
        LoggedHttp.JSON.createObjectNode().put("email", email).put("password", password);
    var answer =
        http.call(WHO, Kind.OTHER, "POST", gatewayUrl + "/api/v1/auth/token").json(body).send();
    if (answer.status() != 200) {
      throw new IllegalStateException("login of " + email + " answered " + answer.status());
    }
    return answer.body().get("access_token").asText();
  }

  /** A product with {@code units} in stock, once inventory can sell them; its id. */
  String product(String admin, String name, long price, long units) {
    ObjectNode body =
        LoggedHttp.JSON.createObjectNode().put("name", name).put("initial_stock", units);
    body.putObject("price").put("amount", price).put("currency", "EUR");
    // right after a restart of the user service with the gateway or the product service, the
    // admin's fresh token cannot be checked for a moment (their key sets are read again): ask
    // again for up to a minute. A product made twice is harmless: the audit checks only the
    // counters of a product the driver did not stock
    Instant creating = Instant.now().plus(Duration.ofSeconds(60));
    Answer answer;
    while (true) {
      answer =
          http.call(WHO, Kind.OTHER, "POST", gatewayUrl + "/api/v1/products")
              .json(body)
              .by(new Customer(null, admin))
              .send();
      boolean notYet = answer.status() == 0 || answer.status() == 401 || answer.status() >= 500;
      if (!notYet || Instant.now().isAfter(creating)) {
        break;
      }
      LoggedHttp.pause(Duration.ofMillis(500));
    }
    if (answer.status() != 201) {
      throw new IllegalStateException("creating a product answered " + answer.status());
    }
    String id = answer.id();
    log.supplied(id, units);
    // the product service tells inventory over Kafka: wait until the stock is orderable
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (http.call(WHO, Kind.OTHER, "GET", gatewayUrl + "/api/v1/products/" + id + "/stock")
            .send()
            .status()
        != 200) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("the stock of " + id + " never appeared");
      }
      LoggedHttp.pause(Duration.ofMillis(100));
    }
    return id;
  }

  /**
   * Customer {@code index} of this seed, signed up (or found, if an earlier run did) and logged in.
   */
  Customer customer(int index) {
    String email = "chaos-%d-%d@example.com".formatted(seed, index);
    String password = "chaos-password-" + index;
    ObjectNode body =
        LoggedHttp.JSON
            .createObjectNode()
            .put("email", email)
            .put("password", password)
            .put("name", "C" + index);
    var created =
        http.call(WHO, Kind.OTHER, "POST", gatewayUrl + "/api/v1/users").json(body).send();
    String token = login(email, password);
    String userId;
    if (created.status() == 201) {
      userId = created.body().get("id").asText();
    } else { // taken by an earlier run with the same seed on the same system
      userId =
          http.call(WHO, Kind.OTHER, "GET", gatewayUrl + "/api/v1/users/me")
              .by(new Customer(null, token))
              .send()
              .body()
              .get("id")
              .asText();
    }
    return new Customer(userId, token);
  }
}
