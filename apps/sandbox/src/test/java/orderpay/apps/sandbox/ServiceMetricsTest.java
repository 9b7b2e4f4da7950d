package orderpay.apps.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import orderpay.adapters.kafka.KafkaTopics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every backend service answers GET /metrics on its admin port, with its gRPC calls, its pool, its
 * consumers and its part of the saga counted; and every metric the alert rules and the dashboard
 * name is one the system exports.
 */
class ServiceMetricsTest {
  private static final List<String> SERVICES =
      List.of("user", "product", "inventory", "order", "payment", "notification");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  @RegisterExtension static final SandboxExtension sandbox = new SandboxExtension();
  private static final HttpClient http = HttpClient.newHttpClient();

  private static HttpResponse<String> scrape(String url) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException("could not scrape " + url, e);
    }
  }

  private static HttpResponse<String> metrics(String service) {
    return scrape("http://127.0.0.1:" + sandbox.system().sandbox.adminPort(service) + "/metrics");
  }

  /** The sum of the samples of {@code name} whose labels include {@code labels}; -1 if none. */
  private static double sample(String service, String name, Map<String, String> labels) {
    double sum = 0;
    boolean found = false;
    for (String line : metrics(service).body().split("\n")) {
      if (line.startsWith("#") || !line.startsWith(name)) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      String lineName = line.substring(0, brace >= 0 ? brace : space);
      if (!lineName.equals(name)) {
        continue;
      }
      var lineLabels = new HashMap<String, String>();
      if (brace >= 0) {
        var label = LABEL.matcher(line.substring(brace, line.lastIndexOf('}')));
        while (label.find()) {
          lineLabels.put(label.group(1), label.group(2));
        }
      }
      if (lineLabels.entrySet().containsAll(labels.entrySet())) {
        sum += Double.parseDouble(line.substring(space + 1));
        found = true;
      }
    }
    return found ? sum : -1;
  }

  @Test
  void everyServiceServesItsMetrics() {
    for (String service : SERVICES) {
      var answer = metrics(service);
      assertThat(answer.statusCode()).as(service).isEqualTo(200);
      assertThat(answer.body())
          .as(service)
          .contains(
              "jvm_memory_used_bytes", "outbox_pending", "service=\"" + service + "-service\"");
      assertThat(sample(service, "hikaricp_connections_max", Map.of()))
          .as("%s's pool reports its size", service)
          .isPositive();
    }
  }

  @Test
  void aCallIsCountedByMethodAndStatus() {
    // the products list goes gateway -> product service over gRPC
    assertThat(sandbox.system().get("/api/v1/products", null).status()).isEqualTo(200);
    assertThat(metrics("product").body())
        .containsPattern("grpc_server_calls_seconds_count\\{[^}]*status=\"OK\"[^}]*\\} [1-9]")
        .containsPattern("grpc_server_calls_seconds_bucket\\{[^}]*le=\"0.005\"");
  }

  @Test
  void aPaidAndADeclinedOrderAreCountedAlongTheirWay() {
    String customer = sandbox.shop().customer();
    String product = sandbox.shop().product(1500, 10);
    var paid = sandbox.shop().order(customer, product, 1, "pm_card_visa", null);
    assertThat(paid.body().get("status").asText()).isEqualTo("PAID");
    var declined = sandbox.shop().order(customer, product, 1, "pm_card_chargeDeclined", null);
    assertThat(declined.body().get("status").asText()).isEqualTo("FAILED");

    assertThat(sample("order", "orders_placed_total", Map.of())).isEqualTo(2);
    assertThat(sample("order", "orders_outcomes_total", Map.of("outcome", "paid"))).isEqualTo(1);
    assertThat(sample("order", "orders_outcomes_total", Map.of("outcome", "failed"))).isEqualTo(1);
    assertThat(sample("order", "orders_outcomes_total", Map.of("outcome", "cancelled"))).isZero();
    assertThat(sample("order", "orders_saga_seconds_count", Map.of("outcome", "paid")))
        .isEqualTo(1);
    assertThat(sample("order", "orders_saga_seconds_sum", Map.of("outcome", "paid")))
        .as("the saga took some time")
        .isPositive();
    assertThat(sample("order", "orders_pending", Map.of())).isZero();

    var createIntent = Map.of("operation", "create_intent");
    assertThat(sample("payment", "stripe_calls_seconds_count", withOutcome(createIntent, "ok")))
        .isEqualTo(1);
    assertThat(
            sample("payment", "stripe_calls_seconds_count", withOutcome(createIntent, "declined")))
        .isEqualTo(1);
    assertThat(sample("payment", "stripe_calls_seconds_count", Map.of("outcome", "error")))
        .isZero();
    // the emulator sends its webhooks after answering; emails go out after the events arrive
    Shop.await(
        () -> sample("payment", "stripe_webhooks_total", Map.of("outcome", "accepted")) >= 2,
        "the webhooks of both intents counted");
    Shop.await(() -> sample("notification", "emails_sent_total", Map.of()) >= 2, "emails sent");
    assertThat(sample("notification", "emails_failed_total", Map.of())).isZero();

    // inventory applied order.paid and order.failed: its consumer caught up, nothing parked
    Shop.await(
        () ->
            sample(
                    "inventory",
                    "kafka_consumer_lag",
                    Map.of("group", KafkaTopics.INVENTORY_ORDER_EVENTS.group()))
                == 0,
        "inventory's order consumer caught up");
    assertThat(sample("inventory", "dlq_parked_total", Map.of("topic", "order.paid.dlq"))).isZero();
  }

  @Test
  void aWebhookWithABadSignatureIsCountedAsRejected() {
    var rejected = Map.of("outcome", "rejected");
    double before = sample("payment", "stripe_webhooks_total", rejected);
    var reply =
        sandbox
            .system()
            .send(
                "POST",
                "/api/v1/webhooks/stripe",
                "application/json",
                "{\"id\":\"evt_forged\",\"object\":\"event\",\"type\":\"payment_intent.succeeded\"}",
                null,
                "Stripe-Signature",
                "t=1,v1=0000");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(sample("payment", "stripe_webhooks_total", rejected)).isEqualTo(before + 1);
  }

  private static Map<String, String> withOutcome(Map<String, String> labels, String outcome) {
    var all = new HashMap<>(labels);
    all.put("outcome", outcome);
    return all;
  }

  @Test
  void everyMetricTheAlertsAndTheDashboardNameIsExported() {
    assertThat(sandbox.system().get("/api/v1/products", null).status())
        .isEqualTo(200); // a gateway request
    var exported = new TreeSet<>(MonitoringFiles.MADE_BY_PROMETHEUS);
    var scrapes = new java.util.ArrayList<String>();
    SERVICES.forEach(service -> scrapes.add(metrics(service).body()));
    scrapes.add(scrape(sandbox.system().sandbox.gatewayUrl() + "/metrics").body());
    for (String body : scrapes) {
      for (String line : body.split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          exported.add(line.split("[{ ]", 2)[0]);
        }
      }
    }
    for (String query : MonitoringFiles.allQueries()) {
      assertThat(exported).as(query).containsAll(MonitoringFiles.metricNames(query));
    }
  }
}
