package orderpay.domain.user;

public record TokenPair(AccessToken accessToken, String refreshToken) {
  @Override
  public String toString() {
    return "TokenPair[" + accessToken + ", refreshToken=redacted]";
  }
}
