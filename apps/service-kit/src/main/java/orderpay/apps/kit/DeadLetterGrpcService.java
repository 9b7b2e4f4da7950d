package orderpay.apps.kit;

import static orderpay.adapters.grpc.StreamReplies.reply;

import com.google.protobuf.ByteString;
import io.grpc.BindableService;
import io.grpc.stub.StreamObserver;
import java.util.Map;
import java.util.Optional;
import orderpay.adapters.grpc.ProtoTime;
import orderpay.adapters.grpc.auth.UserCheck;
import orderpay.adapters.kafka.DeadLetterListing;
import orderpay.adapters.kafka.DeadLetterReplay;
import orderpay.adapters.kafka.KafkaSettings;
import orderpay.adapters.kafka.KafkaTopics;
import orderpay.adapters.kafka.ParkedMessage;
import orderpay.contracts.deadletter.v1.DeadLetter;
import orderpay.contracts.deadletter.v1.DeadLetterServiceGrpc;
import orderpay.contracts.deadletter.v1.DeadLetterTopic;
import orderpay.contracts.deadletter.v1.ListDeadLettersRequest;
import orderpay.contracts.deadletter.v1.ListDeadLettersResponse;
import orderpay.contracts.deadletter.v1.ReplayDeadLettersRequest;
import orderpay.contracts.deadletter.v1.ReplayDeadLettersResponse;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead-letter topics over gRPC, for the operator console behind the gateway: any service with
 * Kafka settings can host it, so the public edge needs no Kafka client (ADR 0013). Every method
 * needs an admin's token, checked by {@link #protectedBy}.
 */
public final class DeadLetterGrpcService extends DeadLetterServiceGrpc.DeadLetterServiceImplBase {
  /** Enough for a console page; the depth says how many more wait. */
  static final int LISTING_LIMIT = 200;

  private static final Logger log = LoggerFactory.getLogger(DeadLetterGrpcService.class);

  private final KafkaSettings settings;

  public DeadLetterGrpcService(KafkaSettings settings) {
    this.settings = settings;
  }

  /** This service with every call refused unless it carries a verified admin's token. */
  public BindableService protectedBy(CustomerTokens customers) {
    return customers
        .adminsFor(
            DeadLetterServiceGrpc.getListDeadLettersMethod(),
            DeadLetterServiceGrpc.getReplayDeadLettersMethod())
        .protect(this);
  }

  @Override
  public void listDeadLetters(
      ListDeadLettersRequest request, StreamObserver<ListDeadLettersResponse> response) {
    var topic =
        request.getTopic().isEmpty()
            ? Optional.<String>empty()
            : Optional.of(known(request.getTopic()));
    var reply = ListDeadLettersResponse.newBuilder();
    if (request.getDepthsOnly()) {
      DeadLetterListing.depths(settings).forEach(t -> reply.addTopics(toProto(t)));
      reply(response, reply.build());
      return;
    }
    var listing = DeadLetterListing.list(settings, topic, LISTING_LIMIT);
    listing.topics().forEach(t -> reply.addTopics(toProto(t)));
    listing.messages().forEach(m -> reply.addMessages(toProto(m)));
    reply(response, reply.build());
  }

  @Override
  public void replayDeadLetters(
      ReplayDeadLettersRequest request, StreamObserver<ReplayDeadLettersResponse> response) {
    String topic = known(request.getTopic());
    if (request.hasPartition() != request.hasOffset()) {
      throw DomainException.invalidField(
          request.hasPartition() ? "offset" : "partition",
          "partition and offset go together: both for one message, neither for all");
    }
    int replayed;
    try {
      replayed =
          request.hasPartition()
              ? replayOne(topic, request.getPartition(), request.getOffset())
              : DeadLetterReplay.replay(settings, topic);
    } catch (DeadLetterReplay.TakenOver concurrent) {
      throw new DomainException(ErrorKind.CONFLICT, "conflict", concurrent.getMessage());
    }
    // who put what back, for the audit trail
    log.info(
        "admin {} replayed {} message(s) of {}{}",
        UserCheck.currentUser().userId(),
        replayed,
        topic,
        request.hasPartition()
            ? " (partition " + request.getPartition() + ", offset " + request.getOffset() + ")"
            : "");
    reply(response, ReplayDeadLettersResponse.newBuilder().setReplayed(replayed).build());
  }

  private int replayOne(String topic, int partition, long offset) {
    var where = Map.of("topic", topic, "partition", partition + "", "offset", offset + "");
    return switch (DeadLetterReplay.replayOne(settings, topic, partition, offset)) {
      case DeadLetterReplay.SingleReplay.Replayed replayed -> 1;
      case DeadLetterReplay.SingleReplay.NotParked notParked ->
          throw new DomainException(
              ErrorKind.NOT_FOUND,
              "not_found",
              "no message waits there: replayed already, or never parked",
              where);
      case DeadLetterReplay.SingleReplay.WaitsBehind behind ->
          throw new DomainException(
              ErrorKind.INVALID_STATE,
              "invalid_state",
              "older messages of partition "
                  + partition
                  + " wait before it: they leave in order, starting at offset "
                  + behind.oldest(),
              Map.of("oldest_offset", Long.toString(behind.oldest())));
    };
  }

  /** An event topic of ours, named without prefix or {@code .dlq}; anything else is not found. */
  private static String known(String topic) {
    if (!KafkaTopics.EVENTS.contains(topic)) {
      throw DomainException.notFound("dead-letter topic", topic);
    }
    return topic;
  }

  private static DeadLetterTopic toProto(DeadLetterListing.TopicDepth topic) {
    return DeadLetterTopic.newBuilder().setTopic(topic.topic()).setDepth(topic.depth()).build();
  }

  static DeadLetter toProto(ParkedMessage m) {
    var proto =
        DeadLetter.newBuilder()
            .setTopic(m.topic())
            .setPartition(m.partition())
            .setOffset(m.offset())
            .setEventId(m.eventId().orElse(""))
            .setEventType(m.eventType().orElse(""))
            .setKey(m.key().orElse(""))
            .setError(m.error().orElse(""))
            .setParkedAt(ProtoTime.of(m.parkedAt()))
            .setConsumer(m.consumer().orElse(""))
            .setPayloadJson(m.payloadJson().orElse(""))
            .setPayload(ByteString.copyFrom(m.payload()))
            .setReplayable(m.replayable());
    m.attempts().ifPresent(proto::setAttempts);
    return proto.build();
  }
}
