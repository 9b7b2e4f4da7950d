package orderpay.domain.user;

import java.util.Optional;
import java.util.UUID;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.IdGenerator;
import orderpay.domain.shared.Transactions;

/** Email + password in, a token pair out. Unknown email and wrong password look the same. */
public record AuthenticateUser(
    UserRepository users,
    PasswordHasher hasher,
    CredentialPolicy policy,
    TokenIssuer tokenIssuer,
    RefreshTokens refreshTokens,
    Transactions transactions,
    IdGenerator ids,
    PasswordHash decoy) {
  public record Command(String email, String password) {
    @Override
    public String toString() {
      return "AuthenticateUser.Command[email=" + email + "]";
    }
  }

  public AuthenticateUser(
      UserRepository users,
      PasswordHasher hasher,
      CredentialPolicy policy,
      TokenIssuer tokenIssuer,
      RefreshTokens refreshTokens,
      Transactions transactions,
      IdGenerator ids) {
    // Verified against when the email is unknown, so response time does not reveal accounts.
    this(
        users,
        hasher,
        policy,
        tokenIssuer,
        refreshTokens,
        transactions,
        ids,
        hasher.hash("decoy-password-" + UUID.randomUUID()));
  }

  public TokenPair authenticate(Command command) {
    if (!policy.isPlausibleLoginPassword(command.password())) {
      throw invalidCredentials();
    }
    Optional<User> found;
    try {
      found = users.findByEmail(Email.parse(command.email()));
    } catch (DomainException malformedEmail) {
      found = Optional.empty();
    }
    boolean matches =
        hasher.matches(command.password(), found.map(User::passwordHash).orElse(decoy));
    if (found.isEmpty() || !matches) {
      throw invalidCredentials();
    }
    User user = found.get();
    String refresh = transactions.inTransaction(() -> refreshTokens.mint(user.id(), ids.newId()));
    return new TokenPair(tokenIssuer.issue(user), refresh);
  }

  private static DomainException invalidCredentials() {
    return DomainException.unauthenticated("invalid email or password");
  }
}
