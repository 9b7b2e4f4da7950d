package orderpay.domain.user;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored refresh token: only its SHA-256 is kept. Tokens of one login form a family; presenting a
 * used token again revokes the family (the token was stolen or replayed).
 */
public record RefreshToken(
    UUID id,
    UserId userId,
    UUID familyId,
    String tokenHash,
    Instant expiresAt,
    Instant usedAt,
    Instant revokedAt) {

  public boolean isUsable(Instant now) {
    return usedAt == null && revokedAt == null && now.isBefore(expiresAt);
  }
}
