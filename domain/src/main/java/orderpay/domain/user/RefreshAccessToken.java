package orderpay.domain.user;

import java.time.Clock;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.Transactions;

/**
 * Rotates a refresh token: the presented token is spent and a new one of the same family is
 * returned. A token presented twice revokes its whole family (reuse detection).
 */
public record RefreshAccessToken(
    RefreshTokenStore store,
    RefreshTokens refreshTokens,
    UserRepository users,
    TokenIssuer tokenIssuer,
    Transactions transactions,
    Clock clock) {
  private sealed interface Outcome {}

  private record Rotated(User user, String refreshToken) implements Outcome {}

  private record Refused(String why) implements Outcome {}

  public TokenPair refresh(String presentedToken) {
    if (presentedToken == null || presentedToken.isBlank() || presentedToken.length() > 512) {
      throw DomainException.unauthenticated("invalid refresh token");
    }
    // Refusals are returned, not thrown, so that a family revocation still commits.
    Outcome outcome = transactions.inTransaction(() -> rotate(presentedToken));
    return switch (outcome) {
      case Rotated rotated ->
          new TokenPair(tokenIssuer.issue(rotated.user()), rotated.refreshToken());
      case Refused refused -> throw DomainException.unauthenticated(refused.why());
    };
  }

  private Outcome rotate(String presentedToken) {
    var now = clock.instant();
    var stored = store.findByHash(RefreshTokens.hash(presentedToken)).orElse(null);
    if (stored == null) {
      return new Refused("invalid refresh token");
    }
    if (stored.usedAt() != null) {
      store.revokeFamily(stored.familyId(), now);
      return new Refused("refresh token already used");
    }
    if (!stored.isUsable(now)) {
      return new Refused("refresh token expired or revoked");
    }
    if (!store.markUsed(stored.id(), now)) {
      store.revokeFamily(stored.familyId(), now);
      return new Refused("refresh token already used");
    }
    var user = users.findById(stored.userId()).orElse(null);
    if (user == null) {
      return new Refused("account no longer exists");
    }
    return new Rotated(user, refreshTokens.mint(user.id(), stored.familyId()));
  }
}
