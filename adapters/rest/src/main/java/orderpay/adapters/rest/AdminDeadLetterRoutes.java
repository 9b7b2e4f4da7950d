package orderpay.adapters.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import orderpay.adapters.grpc.ProtoTime;
import orderpay.contracts.deadletter.v1.DeadLetter;
import orderpay.contracts.deadletter.v1.DeadLetterServiceGrpc;
import orderpay.contracts.deadletter.v1.ListDeadLettersRequest;
import orderpay.contracts.deadletter.v1.ReplayDeadLettersRequest;

/**
 * The operator console's dead letters (admin only): what waits in each {@code <topic>.dlq}, and
 * putting it back. The service behind checks the admin's token again.
 */
public record AdminDeadLetterRoutes(
    DeadLetterServiceGrpc.DeadLetterServiceBlockingStub deadLetters, Authenticator auth) {

  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/admin/dead-letters", this::list),
        Route.post("/api/v1/admin/dead-letters/replay", this::replay));
  }

  private void list(Context ctx) {
    var caller = auth.requireAdminForwarding(ctx);
    String topic = ctx.queryParam("topic");
    var reply =
        deadLetters
            .withCallCredentials(caller.forwarded())
            .listDeadLetters(
                ListDeadLettersRequest.newBuilder()
                    .setTopic(topic == null ? "" : topic.strip())
                    .build());
    var topics =
        reply.getTopicsList().stream()
            .map(t -> Map.<String, Object>of("topic", t.getTopic(), "depth", t.getDepth()))
            .toList();
    var messages = reply.getMessagesList().stream().map(AdminDeadLetterRoutes::json).toList();
    Json.respond(ctx, 200, Map.of("topics", topics, "messages", messages));
  }

  private void replay(Context ctx) {
    var caller = auth.requireAdminForwarding(ctx);
    var body = JsonBody.of(ctx);
    var request = ReplayDeadLettersRequest.newBuilder().setTopic(body.requiredString("topic"));
    var partition = body.optionalLong("partition");
    var offset = body.optionalLong("offset");
    if (partition.isPresent() != offset.isPresent()) {
      String missing = partition.isPresent() ? "offset" : "partition";
      throw ApiError.invalidField(
          missing, "partition and offset go together: both for one message, neither for all");
    }
    if (partition.isPresent()) {
      if (partition.get() < 0 || partition.get() > Integer.MAX_VALUE) {
        throw ApiError.invalidField("partition", "partition must be a partition number");
      }
      if (offset.get() < 0) {
        throw ApiError.invalidField("offset", "offset must not be negative");
      }
      request.setPartition(partition.get().intValue()).setOffset(offset.get());
    }
    var reply =
        deadLetters.withCallCredentials(caller.forwarded()).replayDeadLetters(request.build());
    Json.respond(ctx, 200, Map.of("replayed", reply.getReplayed()));
  }

  static Map<String, Object> json(DeadLetter m) {
    var json = new LinkedHashMap<String, Object>();
    json.put("topic", m.getTopic());
    json.put("partition", m.getPartition());
    json.put("offset", m.getOffset());
    json.put("event_id", emptyToNull(m.getEventId()));
    json.put("event_type", emptyToNull(m.getEventType()));
    json.put("key", emptyToNull(m.getKey()));
    json.put("error", emptyToNull(m.getError()));
    json.put("attempts", m.hasAttempts() ? m.getAttempts() : null);
    json.put("parked_at", ProtoTime.toInstant(m.getParkedAt()).toString());
    json.put("consumer", emptyToNull(m.getConsumer()));
    JsonNode payload = payload(m.getPayloadJson());
    json.put("payload", payload);
    // the raw bytes only where they could not be read as the topic's event
    json.put(
        "payload_base64",
        payload == null ? Base64.getEncoder().encodeToString(m.getPayload().toByteArray()) : null);
    json.put("replayable", m.getReplayable());
    return json;
  }

  private static JsonNode payload(String decoded) {
    if (decoded.isEmpty()) {
      return null;
    }
    try {
      return Json.MAPPER.readTree(decoded);
    } catch (JsonProcessingException unreadable) {
      return null;
    }
  }

  private static String emptyToNull(String value) {
    return value.isEmpty() ? null : value;
  }
}
