package orderpay.domain.shared;

import java.util.UUID;

public record OrderId(UUID value) {
  public OrderId {
    UuidIds.require(value, "order_id");
  }

  public static OrderId parse(String text) {
    return new OrderId(UuidIds.parse(text, "order_id"));
  }

  /** The id in {@code text}, or empty if it is not one (e.g. foreign metadata). */
  public static java.util.Optional<OrderId> tryParse(String text) {
    try {
      return java.util.Optional.of(new OrderId(UUID.fromString(text)));
    } catch (IllegalArgumentException | NullPointerException malformed) {
      return java.util.Optional.empty();
    }
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
