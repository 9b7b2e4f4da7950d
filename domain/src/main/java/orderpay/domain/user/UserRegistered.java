package orderpay.domain.user;

import java.time.Instant;
import orderpay.domain.shared.DomainEvent;

public record UserRegistered(UserId userId, Email email, String name, Instant occurredAt)
    implements DomainEvent {
  @Override
  public String aggregateId() {
    return userId.toString();
  }
}
