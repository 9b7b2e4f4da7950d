package orderpay.domain.user;

import orderpay.domain.shared.Transactions;

/**
 * What a successful login hands out: a fresh access token and the first refresh token of a new
 * family, stored in a transaction of its own.
 */
public record LoginTokens(
    TokenIssuer tokenIssuer, RefreshTokens refreshTokens, Transactions transactions) {

  public TokenPair issueFor(User user) {
    String refresh = transactions.inTransaction(() -> refreshTokens.startFamily(user.id()));
    return new TokenPair(tokenIssuer.issue(user), refresh);
  }
}
