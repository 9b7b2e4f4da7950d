package orderpay.domain.testing;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import orderpay.domain.user.RefreshToken;
import orderpay.domain.user.RefreshTokenStore;

public final class InMemoryRefreshTokenStore implements RefreshTokenStore {
  private final Map<UUID, RefreshToken> tokens = new ConcurrentHashMap<>();

  @Override
  public void add(RefreshToken token) {
    tokens.put(token.id(), token);
  }

  @Override
  public Optional<RefreshToken> findByHash(String tokenHash) {
    return tokens.values().stream().filter(t -> t.tokenHash().equals(tokenHash)).findFirst();
  }

  @Override
  public synchronized boolean markUsed(UUID tokenId, Instant now) {
    RefreshToken t = tokens.get(tokenId);
    if (t == null || t.usedAt() != null) {
      return false;
    }
    tokens.put(
        tokenId,
        new RefreshToken(
            t.id(), t.userId(), t.familyId(), t.tokenHash(), t.expiresAt(), now, t.revokedAt()));
    return true;
  }

  @Override
  public synchronized void revokeFamily(UUID familyId, Instant now) {
    tokens.replaceAll(
        (id, t) ->
            t.familyId().equals(familyId) && t.revokedAt() == null
                ? new RefreshToken(
                    t.id(), t.userId(), t.familyId(), t.tokenHash(), t.expiresAt(), t.usedAt(), now)
                : t);
  }
}
