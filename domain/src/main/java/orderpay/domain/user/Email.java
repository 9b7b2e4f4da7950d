package orderpay.domain.user;

import java.util.Locale;
import java.util.regex.Pattern;
import orderpay.domain.shared.DomainException;

/**
 * An email address, normalised (trimmed, lower-cased) so that uniqueness is case-insensitive.
 * Validation is deliberately pragmatic: one {@code @}, a dotted domain, no spaces or controls.
 */
public record Email(String value) {
  private static final int MAX_LENGTH = 254;
  private static final Pattern SHAPE =
      Pattern.compile(
          "^[^@\\s\\p{Cntrl}]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$");

  public Email {
    if (value == null || value.isBlank()) {
      throw DomainException.invalidField("email", "email is required");
    }
    if (value.length() > MAX_LENGTH || !SHAPE.matcher(value).matches()) {
      throw DomainException.invalidField("email", "email is not a valid address");
    }
  }

  public static Email parse(String raw) {
    return new Email(raw == null ? null : raw.strip().toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return value;
  }
}
