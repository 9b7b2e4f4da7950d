package orderpay.adapters.kafka.user;

import static orderpay.adapters.kafka.KafkaTopics.USER_REGISTERED;

import com.google.protobuf.Timestamp;
import orderpay.adapters.postgres.messaging.EventSerializer;
import orderpay.contracts.events.v1.UserRegistered;
import orderpay.domain.shared.DomainEvent;

/** The user service's events on the wire. */
public final class UserEventSerializer implements EventSerializer {
  @Override
  public Serialized serialize(DomainEvent event) {
    if (event instanceof orderpay.domain.user.UserRegistered registered) {
      var payload =
          UserRegistered.newBuilder()
              .setUserId(registered.userId().toString())
              .setEmail(registered.email().value())
              .setName(registered.name())
              .setRegisteredAt(
                  Timestamp.newBuilder()
                      .setSeconds(registered.occurredAt().getEpochSecond())
                      .setNanos(registered.occurredAt().getNano()))
              .build();
      return new Serialized(USER_REGISTERED, "UserRegistered", payload.toByteArray());
    }
    throw new IllegalArgumentException("the user service does not publish " + event.getClass());
  }
}
