package orderpay.domain.user;

import java.util.Optional;

public interface UserRepository {
  /** Adds the user unless the (case-insensitive) email is taken; returns false if it was. */
  boolean addIfEmailFree(User user);

  Optional<User> findById(UserId id);

  Optional<User> findByEmail(Email email);
}
