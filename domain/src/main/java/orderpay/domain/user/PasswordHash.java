package orderpay.domain.user;

/** An encoded slow hash (PHC string); never the password itself. */
public record PasswordHash(String encoded) {
  public PasswordHash {
    if (encoded == null || encoded.isBlank()) {
      throw new IllegalArgumentException("empty password hash");
    }
  }

  @Override
  public String toString() {
    return "PasswordHash[redacted]";
  }
}
