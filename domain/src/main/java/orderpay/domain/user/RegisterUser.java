package orderpay.domain.user;

import java.time.Clock;
import java.util.Map;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;
import orderpay.domain.shared.EventPublisher;
import orderpay.domain.shared.IdGenerator;
import orderpay.domain.shared.Transactions;

/** Signs a new customer up: validates, hashes, stores once per email, announces the sign-up. */
public record RegisterUser(
    UserRepository users,
    PasswordHasher hasher,
    CredentialPolicy policy,
    Transactions transactions,
    EventPublisher events,
    IdGenerator ids,
    Clock clock) {
  public record Command(String email, String password, String name) {
    @Override
    public String toString() {
      return "RegisterUser.Command[email=" + email + ", name=" + name + "]";
    }
  }

  public User register(Command command) {
    return register(command, Role.CUSTOMER);
  }

  /** Role is not a client's choice: only start-up code creates admins. */
  User register(Command command, Role role) {
    Email email = Email.parse(command.email());
    String name = policy.checkName(command.name());
    policy.checkPassword(command.password());
    // The slow hash runs before the transaction so no connection is held while it works.
    PasswordHash hash = hasher.hash(command.password());
    // stored to the microsecond: truncate now so the answer equals every later read
    var createdAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    User user = new User(new UserId(ids.newId()), email, name, role, hash, createdAt);
    return transactions.inTransaction(
        () -> {
          if (!users.addIfEmailFree(user)) {
            throw new DomainException(
                ErrorKind.CONFLICT,
                "email_taken",
                "an account with this email already exists",
                Map.of("field", "email"));
          }
          events.publish(new UserRegistered(user.id(), email, name, user.createdAt()));
          return user;
        });
  }
}
