package orderpay.apps.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import orderpay.adapters.embedded.EmbeddedKafkaBroker;
import orderpay.adapters.embedded.EmbeddedPostgresServer;
import orderpay.adapters.embedded.FreePorts;
import orderpay.adapters.runtime.Env;
import orderpay.adapters.runtime.Lifecycle;

/**
 * {@code ./orderpay bench}: the whole order path under load on a throw-away system (embedded
 * PostgreSQL, Kafka, emulator, all services in one JVM). Warms up, then places paid orders from
 * {@code BENCH_CLIENTS} concurrent customers for {@code BENCH_SECONDS} and prints throughput and
 * latency percentiles of POST /api/v1/orders (server-side confirmation, so each answer is PAID).
 */
public final class Bench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
  private final String base;

  private Bench(String base) {
    this.base = base;
  }

  public static void main(String[] args) throws Exception {
    Env env = Env.system();
    int clients = env.integer("BENCH_CLIENTS", 16);
    Duration warmup = env.duration("BENCH_WARMUP", Duration.ofSeconds(20));
    Duration measure = env.duration("BENCH_SECONDS", Duration.ofSeconds(30));
    try (var lifecycle = new Lifecycle()) {
      var postgres =
          lifecycle.own(EmbeddedPostgresServer.start(Optional.empty(), FreePorts.next()));
      var kafka = lifecycle.own(EmbeddedKafkaBroker.start(null, FreePorts.next()));
      var settings =
          SandboxSettings.ephemeral(
              Files.createTempDirectory("orderpay-bench"), "admin@orderpay.local", "bench");
      var sandbox =
          lifecycle.own(
              Sandbox.start(
                  env.with(Map.of("STRIPE_SECRET_KEY", "", "ORDERPAY_LOG_LEVEL", "WARN")),
                  settings,
                  postgres,
                  kafka.bootstrapServers()));
      new Bench(sandbox.gatewayUrl()).run(sandbox.adminPassword(), clients, warmup, measure);
    }
  }

  private void run(String adminPassword, int clients, Duration warmup, Duration measure)
      throws Exception {
    String admin = token("admin@orderpay.local", adminPassword);
    String product =
        post(
                "/api/v1/products",
                "{\"name\":\"Bench item\",\"price\":{\"amount\":999,\"currency\":\"EUR\"},\"initial_stock\":100000000}",
                admin)
            .get("id")
            .asText();
    var tokens = new ArrayList<String>();
    for (int i = 0; i < clients; i++) {
      String email = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
      post(
          "/api/v1/users",
          "{\"email\":\"" + email + "\",\"password\":\"bench-password\",\"name\":\"B\"}",
          null);
      tokens.add(token(email, "bench-password"));
    }
    Thread.sleep(500); // inventory learns of the product through Kafka
    String order =
        "{\"items\":[{\"product_id\":\""
            + product
            + "\",\"quantity\":1}],\"shipping_address\":\"1 Bench Road\","
            + "\"currency\":\"EUR\",\"payment_method\":\"pm_card_visa\"}";
    System.out.printf("warming up for %d s with %d clients ...%n", warmup.toSeconds(), clients);
    load(tokens, order, warmup);
    System.out.printf("measuring for %d s ...%n", measure.toSeconds());
    var result = load(tokens, order, measure);
    var latencies = new ArrayList<>(result.latenciesMs());
    Collections.sort(latencies);
    System.out.printf(
        "orders placed and PAID: %d in %d s = %.0f orders/s with %d concurrent clients (errors: %d)%n",
        latencies.size(),
        measure.toSeconds(),
        latencies.size() / (double) measure.toSeconds(),
        clients,
        result.errors());
    System.out.printf(
        "POST /api/v1/orders -> PAID latency: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        percentile(latencies, 50),
        percentile(latencies, 95),
        percentile(latencies, 99),
        latencies.getLast());
  }

  private record Result(List<Double> latenciesMs, int errors) {}

  private Result load(List<String> tokens, String order, Duration duration) throws Exception {
    var latencies = new ConcurrentLinkedQueue<Double>();
    var errors = new AtomicInteger();
    long end = System.nanoTime() + duration.toNanos();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (String token : tokens) {
        pool.submit(
            () -> {
              while (System.nanoTime() < end) {
                long start = System.nanoTime();
                try {
                  var reply =
                      send(
                          HttpRequest.newBuilder(URI.create(base + "/api/v1/orders"))
                              .header("Content-Type", "application/json")
                              .POST(HttpRequest.BodyPublishers.ofString(order)),
                          token);
                  if (reply.statusCode() == 201 && reply.body().contains("\"status\":\"PAID\"")) {
                    latencies.add((System.nanoTime() - start) / 1e6);
                  } else {
                    errors.incrementAndGet();
                  }
                } catch (Exception e) {
                  errors.incrementAndGet();
                }
              }
              return null;
            });
      }
    }
    return new Result(List.copyOf(latencies), errors.get());
  }

  private static double percentile(List<Double> sorted, int p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  private String token(String email, String password) throws Exception {
    return post(
            "/api/v1/auth/token",
            "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}",
            null)
        .get("access_token")
        .asText();
  }

  private com.fasterxml.jackson.databind.JsonNode post(String path, String json, String token)
      throws Exception {
    var reply =
        send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)),
            token);
    if (reply.statusCode() >= 400) {
      throw new IllegalStateException(
          path + " answered " + reply.statusCode() + ": " + reply.body());
    }
    return JSON.readTree(reply.body());
  }

  private HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
