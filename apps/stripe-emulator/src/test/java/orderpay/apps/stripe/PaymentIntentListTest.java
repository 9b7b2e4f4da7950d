package orderpay.apps.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.PaymentIntent;
import com.stripe.param.PaymentIntentListParams;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import orderpay.adapters.stripe.StripePaymentProvider;
import orderpay.domain.money.Money;
import orderpay.domain.payment.PaymentProvider.ListedIntent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/payment_intents}: Stripe's list object, read and paged through by stripe-java
 * itself, and the adapter's listing of a window built on it.
 */
class PaymentIntentListTest {
  private static final String KEY = "sk_test_list";
  private static HttpServer receiver;
  private static StripeEmulator emulator;
  private static StripeClient client;
  private static StripePaymentProvider adapter;

  /** The intents made here, oldest first. */
  private static final List<String> made = new ArrayList<>();

  private static String refundedIntent;
  private static Instant startedAt;

  @BeforeAll
  static void start() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/webhook",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    receiver.start();
    emulator =
        StripeEmulator.start(
            "127.0.0.1",
            0,
            "http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhook",
            "whsec_list_" + System.nanoTime(),
            new Faults());
    client = StripeClient.builder().setApiKey(KEY).setApiBase(emulator.apiBase()).build();
    adapter = StripePaymentProvider.connect(KEY, emulator.apiBase());
    startedAt = Instant.now();
    String[] methods = {"pm_card_visa", "pm_card_chargeDeclined", null, "pm_card_visa", null};
    for (int i = 0; i < methods.length; i++) {
      made.add(
          adapter
              .createIntent("list-" + i, Money.of(1000 + i, "EUR"), methods[i], "order-" + i)
              .providerPaymentId());
    }
    refundedIntent = made.get(3);
    adapter.refund(refundedIntent, "list-refund");
  }

  @AfterAll
  static void stop() {
    emulator.close();
    receiver.stop(0);
  }

  private static List<String> newestFirst() {
    return made.reversed();
  }

  @Test
  void aPageIsStripesListObjectNewestFirstWithHasMore() throws Exception {
    var page = get("/v1/payment_intents?limit=2");
    assertThat(page.status).isEqualTo(200);
    JsonNode body = page.body;
    assertThat(body.get("object").asText()).isEqualTo("list");
    assertThat(body.get("url").asText()).isEqualTo("/v1/payment_intents");
    assertThat(body.get("has_more").asBoolean()).isTrue();
    assertThat(body.get("data")).hasSize(2);
    assertThat(body.get("data").get(0).get("id").asText()).isEqualTo(newestFirst().get(0));
    assertThat(body.get("data").get(0).get("object").asText()).isEqualTo("payment_intent");
    // unexpanded, the latest charge is an id, as at Stripe
    assertThat(get("/v1/payment_intents?limit=100").body.findValues("latest_charge"))
        .anyMatch(charge -> charge.isTextual() && charge.asText().startsWith("ch_"));
  }

  @Test
  void stripeJavaPagesThroughEveryIntentWithStartingAfter() throws Exception {
    var params = PaymentIntentListParams.builder().setLimit(2L).build();
    var first = client.paymentIntents().list(params);
    assertThat(first.getHasMore()).isTrue();
    assertThat(first.getData())
        .extracting(PaymentIntent::getId)
        .containsExactly(newestFirst().get(0), newestFirst().get(1));
    var all =
        StreamSupport.stream(first.autoPagingIterable().spliterator(), false)
            .map(PaymentIntent::getId)
            .toList();
    assertThat(all).containsExactlyElementsOf(newestFirst());
    var second =
        client
            .paymentIntents()
            .list(
                PaymentIntentListParams.builder()
                    .setLimit(2L)
                    .setStartingAfter(newestFirst().get(1))
                    .build());
    assertThat(second.getData())
        .extracting(PaymentIntent::getId)
        .containsExactly(newestFirst().get(2), newestFirst().get(3));
    var before =
        client
            .paymentIntents()
            .list(
                PaymentIntentListParams.builder()
                    .setLimit(2L)
                    .setEndingBefore(newestFirst().get(3))
                    .build());
    assertThat(before.getData())
        .extracting(PaymentIntent::getId)
        .containsExactly(newestFirst().get(1), newestFirst().get(2));
  }

  @Test
  void createdBoundsFilterTheList() throws Exception {
    long now = startedAt.getEpochSecond();
    var future =
        client
            .paymentIntents()
            .list(
                PaymentIntentListParams.builder()
                    .setCreated(
                        PaymentIntentListParams.Created.builder().setGte(now + 3600).build())
                    .build());
    assertThat(future.getData()).isEmpty();
    assertThat(future.getHasMore()).isFalse();
    var window =
        client
            .paymentIntents()
            .list(
                PaymentIntentListParams.builder()
                    .setCreated(
                        PaymentIntentListParams.Created.builder()
                            .setGte(now)
                            .setLt(now + 3600)
                            .build())
                    .setLimit(100L)
                    .build());
    assertThat(window.getData())
        .extracting(PaymentIntent::getId)
        .containsExactlyElementsOf(newestFirst());
    assertThat(get("/v1/payment_intents?created[lte]=" + (now - 1)).body.get("data")).isEmpty();
    assertThat(get("/v1/payment_intents?created=" + (now - 1)).body.get("data")).isEmpty();
  }

  @Test
  void theLatestChargeIsExpandedOnRequestSoARefundShows() throws Exception {
    var expanded =
        client
            .paymentIntents()
            .list(PaymentIntentListParams.builder().addExpand("data.latest_charge").build());
    var refunded =
        expanded.getData().stream()
            .filter(intent -> intent.getId().equals(refundedIntent))
            .findFirst()
            .orElseThrow();
    assertThat(refunded.getLatestChargeObject().getAmountRefunded()).isEqualTo(1003L);
    assertThat(refunded.getLatestChargeObject().getRefunded()).isTrue();
    assertThat(refunded.getLatestCharge()).startsWith("ch_");
  }

  @Test
  void theAdapterListsAWindowWithStatusesOrdersAndRefunds() {
    var listed = adapter.listCreatedSince(startedAt);
    assertThat(listed)
        .extracting(ListedIntent::providerPaymentId)
        .containsExactlyElementsOf(newestFirst());
    assertThat(listed)
        .extracting(ListedIntent::orderId)
        .containsExactly("order-4", "order-3", "order-2", "order-1", "order-0");
    assertThat(listed)
        .extracting(ListedIntent::providerStatus)
        .containsExactly(
            "requires_payment_method",
            "succeeded",
            "requires_payment_method",
            "requires_payment_method",
            "succeeded");
    assertThat(listed)
        .extracting(ListedIntent::amountRefunded)
        .containsExactly(0L, 1003L, 0L, 0L, 0L);
    assertThat(listed.getLast().amount()).isEqualTo(Money.of(1000, "EUR"));
    assertThat(adapter.listCreatedSince(startedAt.plusSeconds(3600))).isEmpty();
  }

  @Test
  void malformedListRequestsAreStripeShapedBadRequests() throws Exception {
    for (String query :
        List.of(
            "limit=0",
            "limit=101",
            "limit=ten",
            "created[gte]=yesterday",
            "starting_after=pi_unknown",
            "expand[]=data.customer")) {
      var answer = get("/v1/payment_intents?" + query);
      assertThat(answer.status).as(query).isEqualTo(400);
      assertThat(answer.body.at("/error/type").asText())
          .as(query)
          .isEqualTo("invalid_request_error");
    }
    // stripe-java reads the refusal as Stripe's own invalid request
    assertThatThrownBy(
            () ->
                client
                    .paymentIntents()
                    .list(PaymentIntentListParams.builder().setLimit(500L).build()))
        .isInstanceOf(InvalidRequestException.class);
  }

  private record Answer(int status, JsonNode body) {}

  private static Answer get(String pathAndQuery) throws Exception {
    var request =
        HttpRequest.newBuilder(
                URI.create(
                    emulator.apiBase() + pathAndQuery.replace("[", "%5B").replace("]", "%5D")))
            .header("Authorization", "Bearer " + KEY)
            .GET()
            .build();
    var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), new ObjectMapper().readTree(response.body()));
  }
}
