package orderpay.domain.catalog;

import java.time.Instant;
import java.util.Optional;
import orderpay.domain.money.Money;
import orderpay.domain.shared.DomainException;

/** A catalog entry. Immutable: changes return the next version, validated like the first. */
public record Product(
    ProductId id,
    String name,
    String description,
    Money price,
    Instant createdAt,
    Instant updatedAt) {
  public static final int MAX_NAME_LENGTH = 200;
  public static final int MAX_DESCRIPTION_LENGTH = 5000;

  public Product {
    name = checkName(name);
    description = checkDescription(description);
    checkPrice(price);
  }

  /** What an update may change; absent fields stay as they are. */
  public record Changes(
      Optional<String> name, Optional<String> description, Optional<Money> price) {
    public boolean isEmpty() {
      return name.isEmpty() && description.isEmpty() && price.isEmpty();
    }
  }

  public Product apply(Changes changes, Instant now) {
    return new Product(
        id,
        changes.name().orElse(name),
        changes.description().orElse(description),
        changes.price().orElse(price),
        createdAt,
        now);
  }

  static String checkName(String name) {
    String trimmed = name == null ? "" : name.strip();
    if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH) {
      throw DomainException.invalidField(
          "name", "name is required (at most " + MAX_NAME_LENGTH + " characters)");
    }
    return trimmed;
  }

  static String checkDescription(String description) {
    String text = description == null ? "" : description.strip();
    if (text.length() > MAX_DESCRIPTION_LENGTH) {
      throw DomainException.invalidField(
          "description", "description has at most " + MAX_DESCRIPTION_LENGTH + " characters");
    }
    return text;
  }

  static void checkPrice(Money price) {
    if (price == null) {
      throw DomainException.invalidField("price", "price is required");
    }
    if (!price.isPositive()) {
      throw DomainException.invalidField("price", "price must be positive");
    }
  }
}
