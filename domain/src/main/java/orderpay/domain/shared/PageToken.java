package orderpay.domain.shared;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/** Keyset page tokens: the last id of a page, opaque to clients (URL-safe base64). */
public final class PageToken {
  private PageToken() {}

  public static String of(UUID lastId) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(lastId.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The id a token stands for; empty for no token; a malformed one is the client's mistake. */
  public static Optional<UUID> parse(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          UUID.fromString(
              new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8)));
    } catch (IllegalArgumentException malformed) {
      throw DomainException.invalidField("page_token", "malformed page_token");
    }
  }
}
