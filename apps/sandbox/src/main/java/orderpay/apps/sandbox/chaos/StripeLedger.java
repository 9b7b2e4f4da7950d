package orderpay.apps.sandbox.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** What the Stripe emulator says happened ({@code GET /_emulator/ledger}): the money side. */
public record StripeLedger(List<Intent> intents, List<Charge> charges, List<Refund> refunds) {
  public record Intent(String id, String status, long amount, String currency, String orderId) {}

  public record Charge(
      String id,
      String status,
      long amountCaptured,
      long amountRefunded,
      String currency,
      String paymentIntent,
      String orderId) {
    public boolean succeeded() {
      return status.equals("succeeded");
    }
  }

  public record Refund(
      String id, String status, long amount, String paymentIntent, String charge, String orderId) {
    /** Pending refunds count: the money is on its way back. */
    public boolean issued() {
      return status.equals("succeeded") || status.equals("pending");
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  public static StripeLedger fetch(String ledgerUrl) {
    var request =
        HttpRequest.newBuilder(URI.create(ledgerUrl)).timeout(Duration.ofSeconds(30)).build();
    try (var http = HttpClient.newHttpClient()) {
      var response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "the ledger at " + ledgerUrl + " answered " + response.statusCode());
      }
      return parse(JSON.readTree(response.body()));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the ledger at " + ledgerUrl, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static StripeLedger parse(JsonNode ledger) {
    var intents =
        each(
            ledger,
            "payment_intents",
            i ->
                new Intent(
                    i.path("id").asText(),
                    i.path("status").asText(),
                    i.path("amount").asLong(),
                    i.path("currency").asText(),
                    text(i.path("order_id"))));
    var charges =
        each(
            ledger,
            "charges",
            c ->
                new Charge(
                    c.path("id").asText(),
                    c.path("status").asText(),
                    c.path("amount_captured").asLong(),
                    c.path("amount_refunded").asLong(),
                    c.path("currency").asText(),
                    c.path("payment_intent").asText(),
                    text(c.path("order_id"))));
    var refunds =
        each(
            ledger,
            "refunds",
            r ->
                new Refund(
                    r.path("id").asText(),
                    r.path("status").asText(),
                    r.path("amount").asLong(),
                    r.path("payment_intent").asText(),
                    r.path("charge").asText(),
                    text(r.path("order_id"))));
    return new StripeLedger(intents, charges, refunds);
  }

  /** Each element of the ledger's array {@code field}, read by {@code read}. */
  private static <T> List<T> each(JsonNode ledger, String field, Function<JsonNode, T> read) {
    var all = new ArrayList<T>();
    ledger.path(field).forEach(node -> all.add(read.apply(node)));
    return List.copyOf(all);
  }

  /** An order id from metadata, or "" when there is none (money no order can account for). */
  private static String text(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? "" : node.asText();
  }
}
