package orderpay.apps.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import orderpay.adapters.telemetry.OtlpReceiver;
import orderpay.adapters.telemetry.OtlpReceiver.ReceivedSpan;
import orderpay.adapters.telemetry.Telemetry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OpenTelemetry end to end: the sandbox exports over OTLP/HTTP to an in-process receiver (the
 * protocol's own protobuf messages), and one paid order is one trace, from the gateway's POST
 * through gRPC, PostgreSQL, Stripe, the outbox, Kafka and the consumers to both emails sent.
 */
class TraceExportTest {
  private static final int SERVER = 2;
  private static final int CLIENT = 3;
  private static final int PRODUCER = 4;
  private static final int CONSUMER = 5;

  private static OtlpReceiver receiver;
  private static RunningSandbox system;
  private static Shop shop;

  @BeforeAll
  static void start() throws Exception {
    receiver = new OtlpReceiver();
    Telemetry.exportTo(receiver.endpoint());
    system = RunningSandbox.start(TraceExportTest.class);
    shop = new Shop(system);
  }

  @AfterAll
  static void stop() {
    Telemetry.stopExporting();
    system.close();
    receiver.close();
  }

  @Test
  void onePaidOrderIsOneTraceFromThePostToBothEmailsSent() {
    String customer = shop.customer();
    String product = shop.product(1200, 5);
    var placed = shop.order(customer, product, 1, "pm_card_visa", null);
    assertThat(placed.status()).as("%s", placed.body()).isEqualTo(201);
    assertThat(placed.body().get("status").asText()).isEqualTo("PAID");
    // the client sent no X-Request-Id: it is told the trace id instead
    String traceId = placed.headers().get("x-request-id").getFirst();
    assertThat(traceId).matches("[0-9a-f]{32}");

    try {
      Shop.await(
          () -> {
            Telemetry.flush(Duration.ofSeconds(5));
            return receiver.trace(traceId).stream()
                    .filter(s -> s.name().equals("smtp send"))
                    .count()
                == 2;
          },
          "both emails' sending in the order's trace");
    } catch (AssertionError missing) {
      throw new AssertionError(
          missing.getMessage()
              + "; the trace has "
              + receiver.trace(traceId).stream().map(ReceivedSpan::name).toList()
              + "; receiver problems: "
              + receiver.problems()
              + "; other traces' roots: "
              + receiver.spans().stream()
                  .filter(s -> s.parentSpanId().isEmpty())
                  .map(ReceivedSpan::name)
                  .toList(),
          missing);
    }
    List<ReceivedSpan> trace = receiver.trace(traceId);
    var names = trace.stream().map(ReceivedSpan::name).toList();

    var roots = trace.stream().filter(s -> s.parentSpanId().isEmpty()).toList();
    assertThat(roots).extracting(ReceivedSpan::name).containsExactly("POST /api/v1/orders");
    assertThat(roots.getFirst().kind()).isEqualTo(SERVER);
    var ids = new HashSet<String>();
    trace.forEach(s -> ids.add(s.spanId()));
    assertThat(trace)
        .as("every span hangs from a span of the same trace")
        .allMatch(s -> s.parentSpanId().isEmpty() || ids.contains(s.parentSpanId()));

    for (String method :
        List.of(
            "orderpay.order.v1.OrderService/CreateOrder",
            "orderpay.inventory.v1.InventoryService/ReserveStock",
            "orderpay.payment.v1.PaymentService/InitiatePayment")) {
      assertThat(trace)
          .as("%s as client and server", method)
          .anyMatch(s -> s.name().equals(method) && s.kind() == CLIENT)
          .anyMatch(s -> s.name().equals(method) && s.kind() == SERVER);
    }
    assertThat(names).contains("stripe create_intent", "postgresql transaction");
    assertThat(trace)
        .as("the outbox relay publishes the order's events")
        .anyMatch(s -> s.name().endsWith("order.paid publish") && s.kind() == PRODUCER);
    assertThat(trace)
        .as("the inventory and notification services consume them")
        .anyMatch(s -> s.name().endsWith("order.paid process") && s.kind() == CONSUMER)
        .anyMatch(s -> s.name().endsWith("order.created process") && s.kind() == CONSUMER);
    assertThat(trace.stream().filter(s -> s.name().equals("smtp send")))
        .allMatch(s -> s.kind() == CLIENT)
        .hasSize(2);
  }
}
