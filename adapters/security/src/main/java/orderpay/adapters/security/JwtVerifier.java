package orderpay.adapters.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import orderpay.domain.shared.BoundedMemory;

/**
 * Verifies access tokens with public keys only. Accepts exactly ES256 (so {@code alg: none} and
 * algorithm-confusion tokens fail), a known key id, our issuer and audience, and a live expiry.
 * Unknown key ids trigger one key-set refresh at most every 30 s (rotation without restarts), and a
 * key set older than {@link #MAX_KEY_SET_AGE} is read again before it is trusted, so a key removed
 * from the set (retired or compromised) stops verifying within that time. A failed read keeps the
 * keys already known.
 *
 * <p>A token that verified is remembered (by its whole text, signature included), so a client that
 * sends it again costs a map lookup, not an ECDSA verification (the largest share of the gateway's
 * CPU per order). A remembered token is still refused once it expires or its key leaves the set.
 */
public final class JwtVerifier {
  private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
  private static final Duration REFRESH_INTERVAL = Duration.ofSeconds(30);

  /** How long a key set read from the source is trusted before it is read again. */
  static final Duration MAX_KEY_SET_AGE = Duration.ofMinutes(5);

  /** Why a token was refused; never shown in detail to clients. */
  public static final class InvalidToken extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean keysUnavailable;

    public InvalidToken(String message) {
      this(message, false);
    }

    private InvalidToken(String message, boolean keysUnavailable) {
      super(message, null, false, false);
      this.keysUnavailable = keysUnavailable;
    }

    /**
     * The token's key is unknown and the key set could not be read: the token may well be good.
     * Answer "try again later", not "log in again", which would sign customers out in an outage.
     */
    public boolean keysUnavailable() {
      return keysUnavailable;
    }
  }

  private final Supplier<String> jwkSetSource;
  private final Clock clock;
  private volatile Map<String, ECDSAVerifier> verifiers = Map.of();
  private volatile Instant lastRefresh = Instant.EPOCH;
  private volatile Instant loadedAt = Instant.EPOCH;
  private volatile boolean lastReadFailed;
  private final ReentrantLock refreshing = new ReentrantLock();
  private final BoundedMemory<String, Verified> verifiedTokens = new BoundedMemory<>(10_000);

  /** A token whose signature and claims checked out, and what must be checked again on reuse. */
  private record Verified(
      Principal principal, String kid, ECDSAVerifier verifier, Instant expiry, Instant notBefore) {}

  public JwtVerifier(Supplier<String> jwkSetSource, Clock clock) {
    this.jwkSetSource = jwkSetSource;
    this.clock = clock;
  }

  public Principal verify(String token) throws InvalidToken {
    if (token == null || token.isBlank() || token.length() > 4096) {
      throw new InvalidToken("missing or oversized token");
    }
    var remembered = verifiedTokens.recall(token);
    // the key set was read again since (its key may have left it): verify afresh
    if (remembered.isPresent()
        && verifierFor(remembered.get().kid()).orElse(null) == remembered.get().verifier()) {
      checkLifetime(remembered.get().expiry(), remembered.get().notBefore());
      return remembered.get().principal();
    }
    Verified verified = verifyAfresh(token);
    verifiedTokens.remember(token, verified);
    return verified.principal();
  }

  private Verified verifyAfresh(String token) throws InvalidToken {
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token);
    } catch (ParseException | RuntimeException e) {
      throw new InvalidToken("malformed token");
    }
    if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
      throw new InvalidToken("unexpected algorithm");
    }
    String kid = jwt.getHeader().getKeyID();
    ECDSAVerifier verifier = kid == null ? null : verifierFor(kid).orElse(null);
    if (verifier == null && kid != null && lastReadFailed) {
      throw new InvalidToken("the key set cannot be read", true);
    }
    try {
      if (verifier == null || !jwt.verify(verifier)) {
        throw new InvalidToken("bad signature");
      }
      var claims = jwt.getJWTClaimsSet();
      Date expiry = claims.getExpirationTime();
      if (expiry == null) {
        throw new InvalidToken("expired");
      }
      Date notBefore = claims.getNotBeforeTime();
      Instant notBeforeInstant = notBefore == null ? Instant.MIN : notBefore.toInstant();
      checkLifetime(expiry.toInstant(), notBeforeInstant);
      if (!JwtTokenIssuer.ISSUER.equals(claims.getIssuer())
          || claims.getAudience() == null
          || !claims.getAudience().contains(JwtTokenIssuer.AUDIENCE)) {
        throw new InvalidToken("wrong issuer or audience");
      }
      String subject = claims.getSubject();
      String role = claims.getStringClaim("role");
      if (subject == null || role == null) {
        throw new InvalidToken("missing subject or role");
      }
      var principal = new Principal(subject, role, claims.getStringClaim("email"));
      return new Verified(principal, kid, verifier, expiry.toInstant(), notBeforeInstant);
    } catch (JOSEException | ParseException e) {
      throw new InvalidToken("unverifiable token");
    }
  }

  private void checkLifetime(Instant expiry, Instant notBefore) throws InvalidToken {
    Instant now = clock.instant();
    if (!now.minus(CLOCK_SKEW).isBefore(expiry)) {
      throw new InvalidToken("expired");
    }
    if (now.plus(CLOCK_SKEW).isBefore(notBefore)) {
      throw new InvalidToken("not yet valid");
    }
  }

  private Optional<ECDSAVerifier> verifierFor(String kid) {
    // a stale set is re-read by one request; the others go on with the keys they have rather than
    // queue behind a slow or unreachable key source
    if (!clock.instant().isBefore(loadedAt.plus(MAX_KEY_SET_AGE)) && refreshing.tryLock()) {
      try {
        refreshKeys();
      } finally {
        refreshing.unlock();
      }
    }
    ECDSAVerifier known = verifiers.get(kid);
    if (known != null) {
      return Optional.of(known);
    }
    refreshing.lock();
    try {
      refreshKeys();
    } finally {
      refreshing.unlock();
    }
    return Optional.ofNullable(verifiers.get(kid));
  }

  /** Call holding {@code refreshing}. */
  private void refreshKeys() {
    Instant now = clock.instant();
    if (now.isBefore(lastRefresh.plus(REFRESH_INTERVAL))) {
      return;
    }
    lastRefresh = now;
    try {
      // exactly the keys in the set now: a key that left it no longer verifies anything
      var current = new HashMap<String, ECDSAVerifier>();
      for (JWK jwk : JWKSet.parse(jwkSetSource.get()).getKeys()) {
        if (jwk instanceof ECKey ec && ec.getKeyID() != null) {
          current.put(ec.getKeyID(), new ECDSAVerifier(ec.toECPublicKey()));
        }
      }
      verifiers = Map.copyOf(current);
      loadedAt = now;
      lastReadFailed = false;
    } catch (ParseException | JOSEException | RuntimeException e) {
      // the key source is unreachable or broken: try again in two seconds, not on every request
      lastRefresh = now.minus(REFRESH_INTERVAL).plusSeconds(2);
      lastReadFailed = true;
    }
  }
}
