package orderpay.domain.user;

import java.util.UUID;
import orderpay.domain.shared.DomainException;

public record UserId(UUID value) {
  public UserId {
    if (value == null) {
      throw DomainException.invalidField("user_id", "user id is required");
    }
  }

  public static UserId parse(String text) {
    try {
      return new UserId(UUID.fromString(text));
    } catch (IllegalArgumentException | NullPointerException malformed) {
      throw DomainException.invalidField("user_id", "malformed user id");
    }
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
