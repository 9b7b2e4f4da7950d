package orderpay.domain.shared;

import java.util.UUID;

/**
 * The rules every UUID id ({@link OrderId}, {@code ProductId}, {@code UserId}) shares: it is
 * required, and its text must be a UUID. {@code field} names the id in the error ({@code
 * "order_id"}: "order id is required", "malformed order id").
 */
public final class UuidIds {
  private UuidIds() {}

  public static void require(UUID value, String field) {
    if (value == null) {
      throw DomainException.invalidField(field, words(field) + " is required");
    }
  }

  public static UUID parse(String text, String field) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException | NullPointerException malformed) {
      throw DomainException.invalidField(field, "malformed " + words(field));
    }
  }

  private static String words(String field) {
    return field.replace('_', ' ');
  }
}
