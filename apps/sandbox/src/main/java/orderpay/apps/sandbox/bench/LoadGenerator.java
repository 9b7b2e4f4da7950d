package orderpay.apps.sandbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Places paid orders ({@code pm_card_visa}, confirmed server-side) through the public REST API
 * under a closed or an open load model and records every request.
 */
final class LoadGenerator {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One POST /api/v1/orders: when it was meant to start (the schedule, for the open model), when it
   * was answered, how, and the order it named.
   */
  record Sample(
      long intendedNanos,
      long answeredNanos,
      Instant intendedAt,
      int status,
      String orderId,
      boolean paid,
      String error) {
    double latencyMillis() {
      return (answeredNanos - intendedNanos) / 1e6;
    }

    boolean ok() {
      return status == 201 && paid;
    }
  }

  private final HttpClient http;
  private final URI orders;
  private final List<String> tokens;
  // one order body per product; request n buys product n mod their number
  private final List<String> bodies;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peakInFlight = new AtomicInteger();

  LoadGenerator(HttpClient http, String gatewayUrl, List<String> tokens, List<String> productIds) {
    this.http = http;
    this.orders = URI.create(gatewayUrl + "/api/v1/orders");
    this.tokens = List.copyOf(tokens);
    this.bodies =
        productIds.stream()
            .map(
                productId ->
                    "{\"items\":[{\"product_id\":\""
                        + productId
                        + "\",\"quantity\":1}],\"shipping_address\":\"1 Bench Road\","
                        + "\"currency\":\"EUR\",\"payment_method\":\"pm_card_visa\"}")
            .toList();
  }

  private String body(long n) {
    return bodies.get((int) (n % bodies.size()));
  }

  int peakInFlight() {
    return peakInFlight.get();
  }

  /** Runs the load until {@code endNanos} (System.nanoTime); returns every request it made. */
  List<Sample> run(BenchOptions.Load load, long endNanos) {
    var samples = new ConcurrentLinkedQueue<Sample>();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      switch (load) {
        case BenchOptions.Closed closed -> {
          for (int client = 0; client < closed.clients(); client++) {
            String token = tokens.get(client % tokens.size());
            String body = body(client);
            pool.submit(
                () -> {
                  while (System.nanoTime() < endNanos) {
                    samples.add(place(token, body, System.nanoTime()));
                  }
                });
          }
        }
        case BenchOptions.Open open -> {
          long interval = 1_000_000_000L / open.perSecond();
          long first = System.nanoTime();
          for (long i = 0; ; i++) {
            long intended = first + i * interval;
            if (intended >= endNanos) {
              break;
            }
            long wait = intended - System.nanoTime();
            if (wait > 0) {
              LockSupport.parkNanos(wait);
            }
            String token = tokens.get((int) (i % tokens.size()));
            String body = body(i);
            pool.submit(() -> samples.add(place(token, body, intended)));
          }
        }
      }
    }
    return List.copyOf(samples);
  }

  /** One order of the n-th product now, for the first customer. */
  Sample placeOne(int product) {
    return place(tokens.getFirst(), body(product), System.nanoTime());
  }

  int products() {
    return bodies.size();
  }

  private Sample place(String token, String body, long intendedNanos) {
    Instant intendedAt = Instant.now().minusNanos(Math.max(0, System.nanoTime() - intendedNanos));
    int now = inFlight.incrementAndGet();
    peakInFlight.accumulateAndGet(now, Math::max);
    try {
      var request =
          HttpRequest.newBuilder(orders)
              .header("Content-Type", "application/json")
              .header("Authorization", "Bearer " + token)
              .timeout(Duration.ofSeconds(60))
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      var reply = http.send(request, HttpResponse.BodyHandlers.ofString());
      long answered = System.nanoTime();
      if (reply.statusCode() != 201) {
        return new Sample(
            intendedNanos, answered, intendedAt, reply.statusCode(), null, false, reply.body());
      }
      JsonNode order = JSON.readTree(reply.body());
      return new Sample(
          intendedNanos,
          answered,
          intendedAt,
          201,
          order.path("id").asText(null),
          "PAID".equals(order.path("status").asText()),
          null);
    } catch (Exception e) {
      return new Sample(intendedNanos, System.nanoTime(), intendedAt, 0, null, false, e.toString());
    } finally {
      inFlight.decrementAndGet();
    }
  }
}
