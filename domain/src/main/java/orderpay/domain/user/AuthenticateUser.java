package orderpay.domain.user;

import java.util.Optional;
import java.util.UUID;
import orderpay.domain.shared.DomainException;

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
  private final LoginTokens tokens;
  private final PasswordHash decoy;

  public AuthenticateUser(
      UserRepository users, PasswordHasher hasher, CredentialPolicy policy, LoginTokens tokens) {
    this.users = users;
    this.hasher = hasher;
    this.policy = policy;
    this.tokens = tokens;
    // Verified against when the email is unknown, so response time does not reveal accounts.
    this.decoy = hasher.hash("decoy-password-" + UUID.randomUUID());
  }

  public TokenPair authenticate(Command command) {
    if (!policy.isPlausibleLoginPassword(command.password())) {
      throw invalidCredentials();
    }
    Email email;
    try {
      email = Email.parse(command.email());
    } catch (DomainException malformedEmail) {
      email = null; // no such user; a database that cannot answer is not "no such user"
    }
    Optional<User> found = email == null ? Optional.empty() : users.findByEmail(email);
    boolean matches =
        hasher.matches(command.password(), found.map(User::passwordHash).orElse(decoy));
    if (found.isEmpty() || !matches) {
      throw invalidCredentials();
    }
    return tokens.issueFor(found.get());
  }

  private static DomainException invalidCredentials() {
    return DomainException.unauthenticated("invalid email or password");
  }
}
