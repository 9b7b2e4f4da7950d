package orderpay.adapters.kafka;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.UUID;
import java.util.function.Function;
import orderpay.domain.shared.DomainException;

/**
 * An event as a consumer sees it: envelope from the headers, protobuf bytes as payload. {@code
 * topic} is the full Kafka topic, {@code name} the same without the deployment's prefix.
 */
public record ReceivedEvent(
    UUID eventId, String eventType, String topic, String name, String key, byte[] payload) {

  /** Turns the payload bytes into what a handler works with (a message, the ids in it). */
  @FunctionalInterface
  public interface PayloadReader<T> {
    T read(byte[] payload) throws InvalidProtocolBufferException;
  }

  /**
   * The payload as {@code reader} reads it. Bytes that are no such message, or an id or status in
   * it that is none, can never be applied: a {@link PoisonMessage}, parked without retries.
   */
  public <T> T read(PayloadReader<T> reader) {
    return read(reader, message -> message);
  }

  /** The payload as {@code reader} reads it, then as {@code interpret} understands it (its ids). */
  public <M, T> T read(PayloadReader<M> reader, Function<M, T> interpret) {
    try {
      return interpret.apply(reader.read(payload));
    } catch (InvalidProtocolBufferException
        | IllegalArgumentException
        | DomainException malformed) {
      throw new PoisonMessage("unreadable " + name + " payload", malformed);
    }
  }
}
