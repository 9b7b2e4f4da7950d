package orderpay.adapters.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import orderpay.domain.testing.MutableClock;
import orderpay.domain.user.Email;
import orderpay.domain.user.PasswordHash;
import orderpay.domain.user.Role;
import orderpay.domain.user.User;
import orderpay.domain.user.UserId;
import org.junit.jupiter.api.Test;

class JwtVerifierTest {
  private final SigningKey key = SigningKey.generate();
  private final MutableClock clock = new MutableClock(Instant.now());
  private final JwtTokenIssuer issuer = new JwtTokenIssuer(key, Duration.ofMinutes(15), clock);
  private final JwtVerifier verifier = new JwtVerifier(key::publicJwkSetJson, clock);
  private final User admin =
      new User(
          new UserId(UUID.randomUUID()),
          Email.parse("root@example.com"),
          "Root",
          Role.ADMIN,
          new PasswordHash("x"),
          Instant.now());

  @Test
  void acceptsItsOwnTokens() throws Exception {
    Principal principal = verifier.verify(issuer.issue(admin).value());
    assertThat(principal.userId()).isEqualTo(admin.id().toString());
    assertThat(principal.isAdmin()).isTrue();
  }

  @Test
  void refusesExpiredTokens() {
    String token = issuer.issue(admin).value();
    clock.advance(Duration.ofMinutes(16));
    assertThatThrownBy(() -> verifier.verify(token)).hasMessageContaining("expired");
  }

  @Test
  void aTokenThatVerifiedBeforeIsRefusedOnceItExpires() throws Exception {
    String token = issuer.issue(admin).value();
    assertThat(verifier.verify(token).isAdmin()).isTrue();
    clock.advance(Duration.ofMinutes(16));
    assertThatThrownBy(() -> verifier.verify(token)).hasMessageContaining("expired");
  }

  @Test
  void aTokenThatVerifiedBeforeStillVerifiesAfterTheKeySetIsReadAgain() throws Exception {
    String token = issuer.issue(admin).value();
    assertThat(verifier.verify(token).isAdmin()).isTrue();
    clock.advance(JwtVerifier.MAX_KEY_SET_AGE.plusSeconds(1));
    assertThat(verifier.verify(token).isAdmin()).isTrue();
    assertThat(verifier.verify(token).userId()).isEqualTo(admin.id().toString());
  }

  @Test
  void aTamperedCopyOfATokenThatVerifiedIsStillRefused() throws Exception {
    String token = issuer.issue(admin).value();
    verifier.verify(token);
    String[] parts = token.split("\\.");
    char last = parts[2].charAt(parts[2].length() - 2);
    String otherSignature =
        parts[2].substring(0, parts[2].length() - 2)
            + (last == 'A' ? 'B' : 'A')
            + parts[2].charAt(parts[2].length() - 1);
    assertThatThrownBy(() -> verifier.verify(parts[0] + "." + parts[1] + "." + otherSignature))
        .isInstanceOf(JwtVerifier.InvalidToken.class);
  }

  @Test
  void refusesAlgNoneTokens() {
    String[] parts = issuer.issue(admin).value().split("\\.");
    String noneHeader =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> verifier.verify(noneHeader + "." + parts[1] + "."))
        .isInstanceOf(JwtVerifier.InvalidToken.class);
  }

  @Test
  void refusesTamperedClaims() {
    String[] parts = issuer.issue(admin).value().split("\\.");
    String forged =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                    .replace("\"admin\"", "\"customer\"")
                    .getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> verifier.verify(parts[0] + "." + forged + "." + parts[2]))
        .hasMessageContaining("signature");
  }

  @Test
  void refusesHmacTokensSignedWithThePublicKey() throws Exception {
    var claims =
        new JWTClaimsSet.Builder()
            .issuer(JwtTokenIssuer.ISSUER)
            .audience(JwtTokenIssuer.AUDIENCE)
            .subject("attacker")
            .claim("role", "admin")
            .expirationTime(Date.from(Instant.now().plusSeconds(600)))
            .build();
    var jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.key().getKeyID()).build(), claims);
    byte[] secret =
        (key.publicJwkSetJson() + "padding-to-256-bits").getBytes(StandardCharsets.UTF_8);
    jwt.sign(new MACSigner(secret));
    assertThatThrownBy(() -> verifier.verify(jwt.serialize())).hasMessageContaining("algorithm");
  }

  @Test
  void refusesTokensOfAnotherKey() {
    var stranger =
        new JwtTokenIssuer(SigningKey.generate(), Duration.ofMinutes(5), Clock.systemUTC());
    assertThatThrownBy(() -> verifier.verify(stranger.issue(admin).value()))
        .isInstanceOf(JwtVerifier.InvalidToken.class);
  }

  @Test
  void refusesGarbage() {
    for (String garbage : new String[] {"", "abc", "a.b.c", "x".repeat(5000)}) {
      assertThatThrownBy(() -> verifier.verify(garbage))
          .isInstanceOf(JwtVerifier.InvalidToken.class);
    }
  }

  @Test
  void thePublishedKeySetHoldsNoPrivatePart() {
    assertThat(key.publicJwkSetJson()).doesNotContain("\"d\"");
  }

  private static String keySet(SigningKey... keys) {
    return new com.nimbusds.jose.jwk.JWKSet(
            java.util.Arrays.stream(keys)
                .map(k -> (com.nimbusds.jose.jwk.JWK) k.key().toPublicJWK())
                .toList())
        .toString();
  }

  @Test
  void aKeyRemovedFromTheSetStopsVerifyingOnceTheSetIsReadAgain() throws Exception {
    var retired = SigningKey.generate();
    var successor = SigningKey.generate();
    var published = new java.util.concurrent.atomic.AtomicReference<>(keySet(retired, successor));
    var rotating = new JwtVerifier(published::get, clock);
    String oldToken = new JwtTokenIssuer(retired, Duration.ofHours(1), clock).issue(admin).value();
    String newToken =
        new JwtTokenIssuer(successor, Duration.ofHours(1), clock).issue(admin).value();
    assertThat(rotating.verify(oldToken).userId()).isEqualTo(admin.id().toString());

    published.set(keySet(successor));
    clock.advance(JwtVerifier.MAX_KEY_SET_AGE);

    assertThatThrownBy(() -> rotating.verify(oldToken)).hasMessageContaining("bad signature");
    assertThat(rotating.verify(newToken).userId()).isEqualTo(admin.id().toString());
  }

  @Test
  void anUnreachableKeySourceKeepsTheKeysAlreadyKnown() throws Exception {
    var up = new java.util.concurrent.atomic.AtomicBoolean(true);
    var flaky =
        new JwtVerifier(
            () -> {
              if (!up.get()) {
                throw new IllegalStateException("user service unavailable");
              }
              return key.publicJwkSetJson();
            },
            clock);
    String token = issuer.issue(admin).value();
    assertThat(flaky.verify(token).isAdmin()).isTrue();

    up.set(false);
    clock.advance(JwtVerifier.MAX_KEY_SET_AGE.plusMinutes(1));
    assertThat(flaky.verify(token).isAdmin()).isTrue();
  }

  @Test
  void aTokenWhoseKeysCannotBeReadIsTryAgainLaterNotInvalid() {
    var up = new java.util.concurrent.atomic.AtomicBoolean(false);
    var starting =
        new JwtVerifier(
            () -> {
              if (!up.get()) {
                throw new IllegalStateException("user service unavailable");
              }
              return key.publicJwkSetJson();
            },
            clock);
    String token = issuer.issue(admin).value();
    assertThatThrownBy(() -> starting.verify(token))
        .isInstanceOfSatisfying(
            JwtVerifier.InvalidToken.class, e -> assertThat(e.keysUnavailable()).isTrue());

    // a token of a key the readable set does not hold is plainly invalid
    up.set(true);
    clock.advance(Duration.ofSeconds(31));
    var stranger =
        new JwtTokenIssuer(SigningKey.generate(), Duration.ofMinutes(5), clock).issue(admin);
    assertThatThrownBy(() -> starting.verify(stranger.value()))
        .isInstanceOfSatisfying(
            JwtVerifier.InvalidToken.class, e -> assertThat(e.keysUnavailable()).isFalse());
  }
}
