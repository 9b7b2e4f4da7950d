package orderpay.adapters.grpc.auth;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A caller's proof that it is an OrderPay service, for one gRPC service, for a few minutes: {@code
 * v1:<caller>:<audience>:<issued-at seconds>:<HMAC-SHA256 of the rest>}. Bound to its audience, so
 * a token seen by one service cannot be spent at another, and short-lived, so a copied token soon
 * stops working.
 */
public final class ServiceToken {
  /** How long a token is accepted after it was made (and how far ahead a clock may run). */
  public static final Duration LIFETIME = Duration.ofMinutes(2);

  private static final String VERSION = "v1";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private ServiceToken() {}

  /** Why a token was refused. */
  public sealed interface Verdict {
    record Accepted(String caller) implements Verdict {}

    record Refused(String reason) implements Verdict {}
  }

  public static String mint(ServiceKey key, String caller, String audience, Instant now) {
    if (!NAME.matcher(caller).matches() || !NAME.matcher(audience).matches()) {
      throw new IllegalArgumentException("service names are letters, digits, '.', '_' and '-'");
    }
    String payload =
        String.join(":", VERSION, caller, audience, Long.toString(now.getEpochSecond()));
    return payload + ":" + ENCODER.encodeToString(key.sign(payload));
  }

  public static Verdict verify(ServiceKey key, String token, String audience, Instant now) {
    if (token == null || token.length() > 400) {
      return new Verdict.Refused("no service token");
    }
    String[] parts = token.split(":", -1);
    if (parts.length != 5 || !VERSION.equals(parts[0])) {
      return new Verdict.Refused("malformed service token");
    }
    String payload = token.substring(0, token.lastIndexOf(':'));
    byte[] signature;
    try {
      signature = DECODER.decode(parts[4]);
    } catch (IllegalArgumentException e) {
      return new Verdict.Refused("malformed service token");
    }
    // constant time: the comparison must not tell a forger how much of a guess was right
    if (!MessageDigest.isEqual(signature, key.sign(payload))) {
      return new Verdict.Refused("service token not signed with this cluster's key");
    }
    if (!audience.equals(parts[2])) {
      return new Verdict.Refused("service token made for " + parts[2]);
    }
    long issuedAt;
    try {
      issuedAt = Long.parseLong(parts[3]);
    } catch (NumberFormatException e) {
      return new Verdict.Refused("malformed service token");
    }
    long age = now.getEpochSecond() - issuedAt;
    if (Math.abs(age) > LIFETIME.toSeconds()) {
      return new Verdict.Refused("service token expired or from the future");
    }
    return new Verdict.Accepted(parts[1]);
  }
}
