package orderpay.domain.shared;

import java.util.UUID;

public record OrderId(UUID value) {
  public OrderId {
    if (value == null) {
      throw DomainException.invalidField("order_id", "order id is required");
    }
  }

  public static OrderId parse(String text) {
    try {
      return new OrderId(UUID.fromString(text));
    } catch (IllegalArgumentException | NullPointerException malformed) {
      throw DomainException.invalidField("order_id", "malformed order id");
    }
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
