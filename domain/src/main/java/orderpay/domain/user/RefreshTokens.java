package orderpay.domain.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import orderpay.domain.shared.IdGenerator;

/** Mints opaque refresh tokens (256 random bits) and stores only their hash. */
public record RefreshTokens(
    RefreshTokenStore store, IdGenerator ids, Clock clock, Duration lifetime) {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Mints the first token of a new family (a login); call inside the caller's transaction. */
  public String startFamily(UserId userId) {
    return mint(userId, ids.newId());
  }

  /** Mints a token in the given family; call inside the caller's transaction. */
  public String mint(UserId userId, UUID familyId) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    store.add(
        new RefreshToken(
            ids.newId(),
            userId,
            familyId,
            hash(token),
            clock.instant().plus(lifetime),
            null,
            null));
    return token;
  }

  public static String hash(String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
