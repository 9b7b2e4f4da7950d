package orderpay.domain.user;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

public interface RefreshTokenStore {
  void add(RefreshToken token);

  Optional<RefreshToken> findByHash(String tokenHash);

  /** Marks the token used only if it still is unused; false if another request got there first. */
  boolean markUsed(UUID tokenId, Instant now);

  void revokeFamily(UUID familyId, Instant now);
}
