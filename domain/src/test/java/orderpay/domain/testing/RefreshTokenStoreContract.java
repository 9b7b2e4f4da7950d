package orderpay.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import orderpay.domain.user.RefreshToken;
import orderpay.domain.user.RefreshTokenStore;
import orderpay.domain.user.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link RefreshTokenStore} must do; run against the fake and PostgreSQL. */
public abstract class RefreshTokenStoreContract {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private RefreshTokenStore tokens;
  private UserId user;

  /** A store holding no tokens. */
  protected abstract RefreshTokenStore emptyStore();

  /** A user tokens may belong to (the database wants one that exists). */
  protected abstract UserId existingUser();

  @BeforeEach
  void setUp() {
    tokens = emptyStore();
    user = existingUser();
  }

  private RefreshToken added(UUID family) {
    var token =
        new RefreshToken(
            UUID.randomUUID(),
            user,
            family,
            "hash-" + UUID.randomUUID(),
            NOW.plusSeconds(3600),
            null,
            null);
    tokens.add(token);
    return token;
  }

  private RefreshToken reread(RefreshToken token) {
    return tokens.findByHash(token.tokenHash()).orElseThrow();
  }

  @Test
  void aTokenIsFoundByItsHashAndAnUnknownHashFindsNothing() {
    var token = added(UUID.randomUUID());
    assertThat(tokens.findByHash(token.tokenHash())).contains(token);
    assertThat(tokens.findByHash("hash-of-nothing")).isEmpty();
  }

  @Test
  void aTokenIsMarkedUsedOnlyByTheFirstRequest() {
    var token = added(UUID.randomUUID());
    assertThat(tokens.markUsed(token.id(), NOW)).isTrue();
    assertThat(tokens.markUsed(token.id(), NOW.plusSeconds(1))).isFalse();
    assertThat(reread(token).usedAt()).isEqualTo(NOW);
    assertThat(reread(token).isUsable(NOW)).isFalse();
    assertThat(tokens.markUsed(UUID.randomUUID(), NOW)).isFalse();
  }

  @Test
  void revokingAFamilyRevokesEachOfItsTokensOnceAndNoOtherFamily() {
    var family = UUID.randomUUID();
    var used = added(family);
    var fresh = added(family);
    var stranger = added(UUID.randomUUID());
    tokens.markUsed(used.id(), NOW);

    tokens.revokeFamily(family, NOW.plusSeconds(1));
    tokens.revokeFamily(family, NOW.plusSeconds(2)); // the first revocation's time stays

    assertThat(reread(used).revokedAt()).isEqualTo(NOW.plusSeconds(1));
    assertThat(reread(used).usedAt()).isEqualTo(NOW);
    assertThat(reread(fresh).revokedAt()).isEqualTo(NOW.plusSeconds(1));
    assertThat(reread(stranger).revokedAt()).isNull();
    assertThat(reread(stranger).isUsable(NOW)).isTrue();
  }
}
