package orderpay.adapters.grpc.auth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret every OrderPay process shares to sign and check its internal calls ({@code
 * ORDERPAY_SERVICE_KEY}). Only its holders can make a token another service accepts.
 */
public final class ServiceKey {
  public static final String VARIABLE = "ORDERPAY_SERVICE_KEY";
  static final int MIN_LENGTH = 32;
  private static final String ALGORITHM = "HmacSHA256";
  private final SecretKeySpec secret;

  private ServiceKey(byte[] secret) {
    this.secret = new SecretKeySpec(secret, ALGORITHM);
  }

  /**
   * The key as configured: any text of at least 32 characters, such as 32 random bytes in base64.
   */
  public static ServiceKey of(String text) {
    if (text == null || text.strip().length() < MIN_LENGTH) {
      throw new IllegalArgumentException(
          VARIABLE
              + " must be at least "
              + MIN_LENGTH
              + " characters (make one with: openssl rand -base64 32)");
    }
    return new ServiceKey(text.strip().getBytes(StandardCharsets.UTF_8));
  }

  /** A fresh random key in the form {@link #of} accepts: for tests and generated dev defaults. */
  public static String generateText() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  public static ServiceKey generate() {
    return of(generateText());
  }

  byte[] sign(String payload) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(secret);
      return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "ServiceKey[redacted]";
  }
}
