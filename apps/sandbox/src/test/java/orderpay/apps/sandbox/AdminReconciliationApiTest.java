package orderpay.apps.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import orderpay.adapters.grpc.ProtoTime;
import orderpay.adapters.grpc.auth.Callers;
import orderpay.adapters.grpc.auth.UserCheck;
import orderpay.contracts.inventory.v1.GetReservationStatusesRequest;
import orderpay.contracts.inventory.v1.InventoryServiceGrpc;
import orderpay.contracts.order.v1.GetOrderSummariesRequest;
import orderpay.contracts.order.v1.OrderServiceGrpc;
import orderpay.contracts.payment.v1.ListIntentsAndPaymentsRequest;
import orderpay.contracts.payment.v1.PaymentServiceGrpc;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The admin's reconciliation report through the gateway: Stripe's intents (listed by the payment
 * service through stripe-java), our payments, orders and stock agree after a paid, a declined, a
 * cancelled and a refunded order; money taken at Stripe behind the system's back shows as exactly
 * the rows it breaks.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminReconciliationApiTest {
  private static final String REPORT = "/api/v1/admin/reconciliation";

  // no reconciliation job during the test: a difference made at Stripe stays until reported
  @RegisterExtension
  static final SandboxExtension sandbox =
      new SandboxExtension(Map.of("PAYMENT_RECONCILE_AFTER", "1h"));

  private static JsonNode report(String query) {
    var reply = sandbox.system().get(REPORT + query, sandbox.shop().admin);
    assertThat(reply.status()).as("%s", reply.text()).isEqualTo(200);
    return reply.body();
  }

  private static List<JsonNode> differences(JsonNode report) {
    var rows = new ArrayList<JsonNode>();
    report
        .get("rows")
        .forEach(
            row -> {
              if (!row.get("problems").isEmpty()) {
                rows.add(row);
              }
            });
    return rows;
  }

  private static JsonNode rowOf(JsonNode report, String orderId) {
    for (var row : report.get("rows")) {
      if (orderId.equals(row.get("order_id").asText())) {
        return row;
      }
    }
    throw new AssertionError("no row for order " + orderId + " in " + report);
  }

  @Test
  @Order(1)
  void paidDeclinedCancelledAndRefundedOrdersAgreeThenMoneyTakenBehindOurBackIsListed()
      throws Exception {
    String customer = sandbox.shop().customer();
    String product = sandbox.shop().product(1250, 20);
    var paid = sandbox.shop().order(customer, product, 2, "pm_card_visa", null).body();
    var declined =
        sandbox.shop().order(customer, product, 1, "pm_card_chargeDeclined", null).body();
    var cancelled = sandbox.shop().order(customer, product, 1, null, null).body();
    var refunded = sandbox.shop().order(customer, product, 3, "pm_card_visa", null).body();
    assertThat(paid.get("status").asText()).isEqualTo("PAID");
    assertThat(declined.get("status").asText()).isEqualTo("FAILED");
    for (var order : List.of(cancelled, refunded)) {
      var reply =
          sandbox
              .system()
              .post("/api/v1/orders/" + order.get("id").asText() + "/cancel", "", customer);
      assertThat(reply.status()).as("%s", reply.text()).isEqualTo(200);
    }

    // once the saga's asynchronous steps are done (stock committed, returned, intents closed)
    Shop.await(() -> report("").get("differences").asInt() == 0, "a report without differences");
    var clean = report("");
    assertThat(clean.get("intents").asInt()).isEqualTo(4);
    assertThat(clean.get("orders").asInt()).isEqualTo(4);
    assertThat(clean.get("rows")).hasSize(4);
    assertThat(
            Duration.between(
                Instant.parse(clean.get("from").asText()), Instant.parse(clean.get("to").asText())))
        .isEqualTo(Duration.ofDays(7));
    var paidRow = rowOf(clean, paid.get("id").asText());
    assertThat(paidRow.get("provider_payment_id").asText())
        .isEqualTo(paid.at("/payment/provider_payment_id").asText());
    assertThat(paidRow.get("stripe_status").asText()).isEqualTo("succeeded");
    assertThat(paidRow.at("/stripe_amount/amount").asLong()).isEqualTo(2500);
    assertThat(paidRow.at("/stripe_amount/currency").asText()).isEqualTo("EUR");
    assertThat(paidRow.get("payment_status").asText()).isEqualTo("SUCCEEDED");
    assertThat(paidRow.get("order_status").asText()).isEqualTo("PAID");
    assertThat(paidRow.get("stock_status").asText()).isEqualTo("COMMITTED");
    var refundedRow = rowOf(clean, refunded.get("id").asText());
    assertThat(refundedRow.get("order_status").asText()).isEqualTo("REFUNDED");
    assertThat(refundedRow.at("/stripe_amount_refunded/amount").asLong()).isEqualTo(3750);
    assertThat(refundedRow.get("stock_status").asText()).isEqualTo("RETURNED");
    assertThat(rowOf(clean, declined.get("id").asText()).get("order_status").asText())
        .isEqualTo("FAILED");
    assertThat(rowOf(clean, cancelled.get("id").asText()).get("stripe_status").asText())
        .isEqualTo("canceled");

    // the customer passes 3-D Secure at Stripe, and its webhook never arrives: Stripe holds the
    // money of an order still PENDING here; and an intent is charged for an order we never had
    var emulator = sandbox.system().sandbox.emulator().orElseThrow();
    var challenged =
        sandbox.shop().order(customer, product, 1, "pm_card_threeDSecure2Required", null).body();
    String challengedIntent = challenged.at("/payment/provider_payment_id").asText();
    String strangerOrder = UUID.randomUUID().toString();
    emulator.faults().drop = true;
    try {
      assertThat(emulator.completeAuthentication(challengedIntent).get("status").asText())
          .isEqualTo("succeeded");
      assertThat(chargeAtStripe(emulator.apiBase(), strangerOrder)).isEqualTo(200);
    } finally {
      emulator.faults().drop = false;
    }

    var broken = report("?days=1");
    assertThat(broken.get("differences").asInt()).isEqualTo(2);
    assertThat(broken.get("intents").asInt()).isEqualTo(6);
    var differences = differences(broken);
    assertThat(differences).hasSize(2);
    var charged = rowOf(broken, challenged.get("id").asText());
    assertThat(charged.get("provider_payment_id").asText()).isEqualTo(challengedIntent);
    assertThat(charged.get("stripe_status").asText()).isEqualTo("succeeded");
    assertThat(charged.get("order_status").asText()).isEqualTo("PENDING");
    assertThat(charged.get("payment_status").asText()).isEqualTo("REQUIRES_ACTION");
    assertThat(charged.get("stock_status").asText()).isEqualTo("RESERVED");
    assertThat(charged.get("problems")).hasSize(1);
    assertThat(charged.at("/problems/0/code").asText()).isEqualTo("charged_not_paid");
    assertThat(charged.at("/problems/0/message").asText())
        .isEqualTo("Stripe keeps 12.50 EUR but the order is PENDING");
    var orphan = rowOf(broken, strangerOrder);
    assertThat(orphan.get("order_status").isNull()).isTrue();
    assertThat(orphan.get("payment_status").isNull()).isTrue();
    assertThat(orphan.at("/problems/0/code").asText()).isEqualTo("orphan_intent");
    // the differences come first; every other row still agrees
    assertThat(List.of(broken.at("/rows/0"), broken.at("/rows/1")))
        .containsExactlyInAnyOrderElementsOf(differences);
  }

  /** Someone charges a card at Stripe directly, for an order id OrderPay never had. */
  private static int chargeAtStripe(String apiBase, String orderId) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create(apiBase + "/v1/payment_intents"))
            .header("Authorization", "Bearer sk_test_dashboard")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "amount=700&currency=eur&payment_method=pm_card_visa&confirm=true"
                        + "&metadata[order_id]="
                        + orderId))
            .build();
    return HttpClient.newHttpClient()
        .send(request, HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  @Order(2)
  void onlyAnAdminWithAValidWindowGetsTheReport() {
    String customer = sandbox.shop().customer();
    var forbidden = sandbox.system().get(REPORT, customer);
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(forbidden.body().at("/error/code").asText()).isEqualTo("forbidden");
    var anonymous = sandbox.system().get(REPORT, null);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.body().at("/error/code").asText()).isEqualTo("unauthenticated");
    for (String days : List.of("0", "91", "-1", "seven", "1.5")) {
      var refused = sandbox.system().get(REPORT + "?days=" + days, sandbox.shop().admin);
      assertThat(refused.status()).as("days=%s", days).isEqualTo(400);
      assertThat(refused.body().at("/error/code").asText()).isEqualTo("invalid_request");
      assertThat(refused.body().at("/error/details/field").asText()).isEqualTo("days");
    }
    // everything here is minutes old: the longest window and the shortest hold the same intents
    assertThat(report("?days=90").get("intents")).isEqualTo(report("?days=1").get("intents"));
  }

  @Test
  @Order(3)
  void eachServiceChecksTheAdminItselfNotOnlyTheGateway() {
    String customer = sandbox.shop().customer();
    var from = ProtoTime.of(Instant.now().minus(Duration.ofDays(1)));
    Map<String, Function<Channel, Object>> reads =
        Map.of(
            "payment",
            channel ->
                PaymentServiceGrpc.newBlockingStub(channel)
                    .listIntentsAndPayments(
                        ListIntentsAndPaymentsRequest.newBuilder().setCreatedFrom(from).build())
                    .hasNext(),
            "order",
            channel ->
                OrderServiceGrpc.newBlockingStub(channel)
                    .getOrderSummaries(
                        GetOrderSummariesRequest.newBuilder().setCreatedFrom(from).build())
                    .hasNext(),
            "inventory",
            channel ->
                InventoryServiceGrpc.newBlockingStub(channel)
                    .getReservationStatuses(
                        GetReservationStatusesRequest.newBuilder()
                            .addOrderIds(UUID.randomUUID().toString())
                            .build()));
    reads.forEach(
        (service, read) -> {
          assertThat(askAsTheGateway(service, read, null))
              .as(service)
              .isEqualTo(Status.Code.UNAUTHENTICATED);
          assertThat(askAsTheGateway(service, read, customer))
              .as(service)
              .isEqualTo(Status.Code.PERMISSION_DENIED);
          assertThat(askAsTheGateway(service, read, sandbox.shop().admin))
              .as(service)
              .isEqualTo(Status.Code.OK);
        });
  }

  /** A read signed as the gateway, for the holder of {@code userToken} (or for no one). */
  private static Status.Code askAsTheGateway(
      String service, Function<Channel, Object> read, String userToken) {
    ManagedChannel channel =
        NettyChannelBuilder.forTarget(sandbox.system().sandbox.target(service))
            .usePlaintext()
            .build();
    try {
      var headers = new Metadata();
      if (userToken != null) {
        headers.put(UserCheck.USER_TOKEN, userToken);
      }
      read.apply(
          ClientInterceptors.intercept(
              channel,
              sandbox.system().sandbox.credentials(Callers.GATEWAY),
              MetadataUtils.newAttachHeadersInterceptor(headers)));
      return Status.Code.OK;
    } catch (StatusRuntimeException refused) {
      return refused.getStatus().getCode();
    } finally {
      channel.shutdownNow();
    }
  }
}
