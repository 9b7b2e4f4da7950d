package orderpay.domain.testing;

import java.time.Duration;
import orderpay.domain.user.AccessToken;
import orderpay.domain.user.TokenIssuer;
import orderpay.domain.user.User;

public final class FakeTokenIssuer implements TokenIssuer {
  @Override
  public AccessToken issue(User user) {
    return new AccessToken("token-for-" + user.id() + "-" + user.role(), Duration.ofMinutes(15));
  }
}
