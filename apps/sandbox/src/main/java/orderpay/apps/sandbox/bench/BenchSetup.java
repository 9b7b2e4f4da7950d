package orderpay.apps.sandbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * What the load needs before it starts, through the public REST API: the admin's token, products
 * with stock to spare, customers' tokens; then one paid order of each product.
 */
final class BenchSetup {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final String gatewayUrl;

  BenchSetup(HttpClient http, String gatewayUrl) {
    this.http = http;
    this.gatewayUrl = gatewayUrl;
  }

  /** {@code count} products at 9.99 EUR, each with a billion units; their ids. */
  List<String> products(String admin, int count) throws Exception {
    var products = new ArrayList<String>();
    for (int i = 0; i < count; i++) {
      products.add(
          post(
                  "/api/v1/products",
                  "{\"name\":\"Bench item "
                      + i
                      + "\",\"price\":{\"amount\":999,\"currency\":\"EUR\"},"
                      + "\"initial_stock\":1000000000}",
                  admin)
              .get("id")
              .asText());
    }
    return products;
  }

  /** Signs up {@code count} customers (a few at a time: Argon2 is meant to be slow). */
  List<String> customers(int count) throws Exception {
    var tokens = new ArrayList<String>();
    var gate = new Semaphore(4);
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      var futures = new ArrayList<Future<String>>();
      for (int i = 0; i < count; i++) {
        futures.add(
            pool.submit(
                () -> {
                  gate.acquire();
                  try {
                    String email =
                        "bench-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
                    post(
                        "/api/v1/users",
                        "{\"email\":\""
                            + email
                            + "\",\"password\":\"bench-password\",\"name\":\"B\"}",
                        null);
                    return token(email, "bench-password");
                  } finally {
                    gate.release();
                  }
                }));
      }
      for (var future : futures) {
        tokens.add(future.get());
      }
    }
    return tokens;
  }

  /** Inventory learns of a new product through Kafka: the load starts once an order can pass. */
  static void awaitFirstPaidOrder(LoadGenerator load) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    for (int product = 0; product < load.products(); product++) {
      while (true) {
        var first = load.placeOne(product);
        if (first.ok()) {
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("no order could be paid within 60 s: " + first);
        }
        Thread.sleep(100);
      }
    }
  }

  String token(String email, String password) throws Exception {
    return post(
            "/api/v1/auth/token",
            "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}",
            null)
        .get("access_token")
        .asText();
  }

  private JsonNode post(String path, String json, String token) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create(gatewayUrl + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    var reply = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (reply.statusCode() >= 400) {
      throw new IllegalStateException(
          path + " answered " + reply.statusCode() + ": " + reply.body());
    }
    return JSON.readTree(reply.body());
  }
}
