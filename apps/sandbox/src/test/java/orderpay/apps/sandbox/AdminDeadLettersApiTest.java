package orderpay.apps.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;
import orderpay.adapters.kafka.EventHeaders;
import orderpay.adapters.kafka.KafkaTopics;
import orderpay.contracts.events.v1.PaymentStatusUpdated;
import orderpay.devstack.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator console's dead letters through the gateway: what a consumer parked is listed for
 * admins only, with its error, attempts and payload readable; a replayed message goes back to its
 * consumer once, and neither the console nor replay-all puts it back again.
 */
class AdminDeadLettersApiTest {
  private static final String LIST = "/api/v1/admin/dead-letters";
  private static final String REPLAY = "/api/v1/admin/dead-letters/replay";

  @RegisterExtension static final SandboxExtension sandbox = new SandboxExtension();
  private static DeadLetterDrops kafka;

  @BeforeAll
  static void start() {
    kafka = new DeadLetterDrops(sandbox.system());
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  private static JsonNode listing(String topic) {
    var reply = sandbox.system().get(LIST + "?topic=" + topic, sandbox.shop().admin);
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    return reply.body();
  }

  private static Optional<JsonNode> listed(String topic, UUID eventId) {
    return StreamSupport.stream(listing(topic).get("messages").spliterator(), false)
        .filter(m -> m.get("event_id").asText().equals(eventId.toString()))
        .findFirst();
  }

  private static long depth(String topic) {
    for (JsonNode t : listing(topic).get("topics")) {
      if (t.get("topic").asText().equals(topic)) {
        return t.get("depth").asLong();
      }
    }
    throw new AssertionError(topic + " is not listed");
  }

  @Test
  void whatAConsumerCouldNotProcessIsListedForAdminsOnly() {
    // a payment status the order service does not know: its consumer parks it at once
    String orderId = UUID.randomUUID().toString();
    var payload =
        PaymentStatusUpdated.newBuilder()
            .setOrderId(orderId)
            .setPaymentId(UUID.randomUUID().toString())
            .setStatus("ON_HOLD")
            .setProvider("stripe")
            .build();
    var event =
        kafka.publish(
            KafkaTopics.PAYMENT_STATUS_UPDATED,
            orderId,
            "PaymentStatusUpdated",
            payload.toByteArray());
    Shop.await(
        () -> listed(KafkaTopics.PAYMENT_STATUS_UPDATED, event.eventId()).isPresent(),
        "the order service to park the event");

    var parked = listed(KafkaTopics.PAYMENT_STATUS_UPDATED, event.eventId()).orElseThrow();
    assertThat(parked.get("topic").asText()).isEqualTo(KafkaTopics.PAYMENT_STATUS_UPDATED);
    assertThat(parked.get("error").asText()).contains("unreadable payment.status-updated");
    assertThat(parked.get("attempts").asInt()).isEqualTo(1); // poison: no retries
    assertThat(parked.get("consumer").asText()).isEqualTo(KafkaTopics.ORDER_PAYMENT_EVENTS.group());
    assertThat(parked.get("key").asText()).isEqualTo(orderId);
    assertThat(parked.get("event_type").asText()).isEqualTo("PaymentStatusUpdated");
    assertThat(parked.at("/payload/order_id").asText()).isEqualTo(orderId);
    assertThat(parked.at("/payload/status").asText()).isEqualTo("ON_HOLD");
    assertThat(parked.get("payload_base64").isNull()).isTrue();
    assertThat(parked.get("parked_at").asText()).isNotBlank();
    assertThat(depth(KafkaTopics.PAYMENT_STATUS_UPDATED)).isEqualTo(1);
    var everything = sandbox.system().get(LIST, sandbox.shop().admin).body();
    assertThat(everything.get("topics")).hasSize(10);

    String customer = sandbox.shop().customer();
    var refused = sandbox.system().get(LIST, customer);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body().at("/error/code").asText()).isEqualTo("forbidden");
    assertThat(sandbox.system().get(LIST, null).status()).isEqualTo(401);
    var replayAsCustomer =
        sandbox.system().post(REPLAY, "{\"topic\":\"payment.status-updated\"}", customer);
    assertThat(replayAsCustomer.status()).isEqualTo(403);
    assertThat(sandbox.system().post(REPLAY, "{\"topic\":\"payment.status-updated\"}").status())
        .isEqualTo(401);
    assertThat(depth(KafkaTopics.PAYMENT_STATUS_UPDATED)).as("nothing was replayed").isEqualTo(1);
  }

  @Test
  void aMessageReplayedAloneIsConsumedOnceAndReplayAllDoesNotSendItAgain() {
    // inventory gave up on a product's creation (say its database refused it five times); fixed
    String productId = UUID.randomUUID().toString();
    var parked =
        kafka.parkProductCreation(
            productId, "Parked lamp", 7, "could not serialize access due to concurrent update", 5);
    assertThat(sandbox.system().get("/api/v1/products/" + productId + "/stock", null).status())
        .isEqualTo(404);
    var listed = listed(KafkaTopics.PRODUCT_CHANGED, parked.eventId()).orElseThrow();
    assertThat(listed.get("attempts").asInt()).isEqualTo(5);
    assertThat(listed.get("error").asText()).contains("concurrent update");
    assertThat(listed.at("/payload/initial_stock").asText()).isEqualTo("7"); // int64: a string
    assertThat(listed.get("replayable").asBoolean()).isTrue();
    assertThat(depth(KafkaTopics.PRODUCT_CHANGED)).isEqualTo(1);

    String one =
        "{\"topic\":\"product.changed\",\"partition\":%d,\"offset\":%d}"
            .formatted(listed.get("partition").asInt(), listed.get("offset").asLong());
    try (var probe =
        new TopicProbe(kafka.bootstrapServers(), kafka.topic(KafkaTopics.PRODUCT_CHANGED))) {
      var replayed = sandbox.system().post(REPLAY, one, sandbox.shop().admin);
      assertThat(replayed.status()).as(replayed.text()).isEqualTo(200);
      assertThat(replayed.body().get("replayed").asInt()).isEqualTo(1);
      Shop.await(
          () ->
              sandbox.system().get("/api/v1/products/" + productId + "/stock", null).status()
                  == 200,
          "inventory to apply the replayed event");
      assertThat(sandbox.shop().stock(productId).get("on_hand").asLong()).isEqualTo(7);
      assertThat(depth(KafkaTopics.PRODUCT_CHANGED)).isZero();
      assertThat(listed(KafkaTopics.PRODUCT_CHANGED, parked.eventId())).isEmpty();

      var again = sandbox.system().post(REPLAY, one, sandbox.shop().admin);
      assertThat(again.status()).isEqualTo(404);
      assertThat(again.body().at("/error/code").asText()).isEqualTo("not_found");
      var all =
          sandbox.system().post(REPLAY, "{\"topic\":\"product.changed\"}", sandbox.shop().admin);
      assertThat(all.status()).isEqualTo(200);
      assertThat(all.body().get("replayed").asInt()).isZero();
      var copies =
          probe.recordsWithin(Duration.ofSeconds(2)).stream()
              .filter(
                  r ->
                      EventHeaders.get(r.headers(), EventHeaders.EVENT_ID)
                          .equals(Optional.of(parked.eventId().toString())))
              .toList();
      assertThat(copies).singleElement();
      assertThat(EventHeaders.get(copies.get(0).headers(), EventHeaders.DLQ_ERROR)).isEmpty();
    }
  }

  @Test
  void messagesLeaveAPartitionInOrderAndBadRequestsChangeNothing() {
    String orderId = UUID.randomUUID().toString(); // one key: one partition
    var older =
        kafka.park(KafkaTopics.ORDER_REFUNDED, orderId, "OrderRefunded", new byte[0], "a", 5, "x");
    var newer =
        kafka.park(KafkaTopics.ORDER_REFUNDED, orderId, "OrderRefunded", new byte[0], "b", 5, "x");
    String skipAhead =
        "{\"topic\":\"order.refunded\",\"partition\":%d,\"offset\":%d}"
            .formatted(newer.partition(), newer.offset());
    var outOfTurn = sandbox.system().post(REPLAY, skipAhead, sandbox.shop().admin);
    assertThat(outOfTurn.status()).isEqualTo(409);
    assertThat(outOfTurn.body().at("/error/code").asText()).isEqualTo("invalid_state");
    assertThat(outOfTurn.body().at("/error/details/oldest_offset").asLong())
        .isEqualTo(older.offset());

    for (String bad :
        new String[] {
          "{}",
          "{\"topic\":7}",
          "{\"topic\":\"order.refunded\",\"partition\":0}",
          "{\"topic\":\"order.refunded\",\"offset\":0}",
          "{\"topic\":\"order.refunded\",\"partition\":\"0\",\"offset\":0}",
          "{\"topic\":\"order.refunded\",\"partition\":0,\"offset\":-1}",
          "[]"
        }) {
      var refused = sandbox.system().post(REPLAY, bad, sandbox.shop().admin);
      assertThat(refused.status()).as(bad).isEqualTo(400);
      assertThat(refused.body().at("/error/code").asText()).isEqualTo("invalid_request");
    }
    var unknown =
        sandbox.system().post(REPLAY, "{\"topic\":\"order.shipped\"}", sandbox.shop().admin);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body().at("/error/code").asText()).isEqualTo("not_found");
    assertThat(
            sandbox.system().get(LIST + "?topic=order.refunded.dlq", sandbox.shop().admin).status())
        .isEqualTo(404);
    assertThat(depth(KafkaTopics.ORDER_REFUNDED)).as("both still wait").isEqualTo(2);
  }
}
