package orderpay.adapters.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;

/**
 * The user service's P-256 key pair (ES256). Comes from the environment as a private JWK in
 * production; the sandbox keeps a generated one in its git-ignored data folder.
 */
public record SigningKey(ECKey key) {
  public SigningKey {
    if (!key.isPrivate() || !Curve.P_256.equals(key.getCurve()) || key.getKeyID() == null) {
      throw new IllegalArgumentException("the signing key must be a private P-256 JWK with a kid");
    }
  }

  public static SigningKey parse(String privateJwkJson) {
    try {
      return new SigningKey(ECKey.parse(privateJwkJson));
    } catch (ParseException e) {
      throw new IllegalArgumentException("ORDERPAY_JWT_PRIVATE_JWK is not a valid EC JWK", e);
    }
  }

  public static SigningKey generate() {
    try {
      return new SigningKey(
          new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate());
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Loads the key kept in {@code file}, generating and keeping one (mode 600) on first use. */
  public static SigningKey loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        return parse(Files.readString(file));
      }
      SigningKey fresh = generate();
      Files.createDirectories(file.getParent());
      Files.writeString(file, fresh.key().toJSONString());
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return fresh;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The public half only, as a JWK Set: safe to hand to any verifier. */
  public String publicJwkSetJson() {
    return new JWKSet(key.toPublicJWK()).toString();
  }

  @Override
  public String toString() {
    return "SigningKey[kid=" + key.getKeyID() + "]";
  }
}
