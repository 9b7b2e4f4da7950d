package orderpay.domain.user;

/** Signs access tokens; only the holder of the private key implements it. */
public interface TokenIssuer {
  AccessToken issue(User user);
}
