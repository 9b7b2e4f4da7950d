package orderpay.domain.user;

import java.time.Duration;

/** A signed, short-lived bearer token. */
public record AccessToken(String value, Duration expiresIn) {
  @Override
  public String toString() {
    return "AccessToken[expiresIn=" + expiresIn + "]";
  }
}
