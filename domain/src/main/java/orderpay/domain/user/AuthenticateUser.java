package orderpay.domain.user;

import java.util.Optional;
import java.util.UUID;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.IdGenerator;
import orderpay.domain.shared.Transactions;

/** Email + password in, a token pair out. Unknown email and wrong password look the same. */
public final class AuthenticateUser {
  public record Command(String email, String password) {
    @Override
    public String toString() {
      return "AuthenticateUser.Command[email=" + email + "]";
    }
  }

  private final UserRepository users;
  private final PasswordHasher hasher;
  private final CredentialPolicy policy;
  private final TokenIssuer tokenIssuer;
  private final RefreshTokens refreshTokens;
  private final Transactions transactions;
  private final IdGenerator ids;
  private final PasswordHash decoy;

  public AuthenticateUser(
      UserRepository users,
      PasswordHasher hasher,
      CredentialPolicy policy,
      TokenIssuer tokenIssuer,
      RefreshTokens refreshTokens,
      Transactions transactions,
      IdGenerator ids) {
    this.users = users;
    this.hasher = hasher;
    this.policy = policy;
    this.tokenIssuer = tokenIssuer;
    this.refreshTokens = refreshTokens;
    this.transactions = transactions;
    this.ids = ids;
    // Verified against when the email is unknown, so response time does not reveal accounts.
    this.decoy = hasher.hash("decoy-password-" + UUID.randomUUID());
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
