package orderpay.adapters.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import orderpay.domain.user.AccessToken;
import orderpay.domain.user.TokenIssuer;
import orderpay.domain.user.User;

/** Short-lived ES256 access tokens: subject, role, issuer, audience, expiry, id. */
public final class JwtTokenIssuer implements TokenIssuer {
  public static final String ISSUER = "orderpay-user-service";
  public static final String AUDIENCE = "orderpay-api";

  private final SigningKey signingKey;
  private final ECDSASigner signer;
  private final Duration lifetime;
  private final Clock clock;

  public JwtTokenIssuer(SigningKey signingKey, Duration lifetime, Clock clock) {
    this.signingKey = signingKey;
    this.lifetime = lifetime;
    this.clock = clock;
    try {
      this.signer = new ECDSASigner(signingKey.key());
    } catch (JOSEException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Override
  public AccessToken issue(User user) {
    Instant now = clock.instant();
    var claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .audience(AUDIENCE)
            .subject(user.id().toString())
            .claim("role", user.role().wireName())
            .claim("email", user.email().value())
            .issueTime(Date.from(now))
            .notBeforeTime(Date.from(now))
            .expirationTime(Date.from(now.plus(lifetime)))
            .jwtID(UUID.randomUUID().toString())
            .build();
    var header =
        new JWSHeader.Builder(JWSAlgorithm.ES256)
            .keyID(signingKey.key().getKeyID())
            .type(JOSEObjectType.JWT)
            .build();
    var jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("signing failed", e);
    }
    return new AccessToken(jwt.serialize(), lifetime);
  }
}
