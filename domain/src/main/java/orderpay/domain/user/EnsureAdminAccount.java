package orderpay.domain.user;

import java.util.Optional;

/** Creates the configured admin at start-up unless an account with that email exists. */
public record EnsureAdminAccount(UserRepository users, RegisterUser registerUser) {

  /** Returns the admin account created, or empty when one already existed. */
  public Optional<User> ensure(String email, String password) {
    if (users.findByEmail(Email.parse(email)).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(
        registerUser.register(
            new RegisterUser.Command(email, password, "Administrator"), Role.ADMIN));
  }
}
