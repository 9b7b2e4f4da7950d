package orderpay.domain.user;

import java.util.UUID;
import orderpay.domain.shared.UuidIds;

public record UserId(UUID value) {
  public UserId {
    UuidIds.require(value, "user_id");
  }

  public static UserId parse(String text) {
    return new UserId(UuidIds.parse(text, "user_id"));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
