package orderpay.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import orderpay.domain.user.Email;
import orderpay.domain.user.PasswordHash;
import orderpay.domain.user.Role;
import orderpay.domain.user.User;
import orderpay.domain.user.UserId;
import orderpay.domain.user.UserRepository;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link UserRepository} must have; run against the fake and the real one. */
public abstract class UserRepositoryContract {
  protected abstract UserRepository repository();

  private static User user(String email) {
    return new User(
        new UserId(UUID.randomUUID()),
        Email.parse(email),
        "Ada",
        Role.CUSTOMER,
        new PasswordHash("$argon2id$stub"),
        Instant.now().truncatedTo(ChronoUnit.MICROS));
  }

  @Test
  void storesAndFindsByIdAndEmail() {
    User ada = user("ada@example.com");
    assertThat(repository().addIfEmailFree(ada)).isTrue();
    assertThat(repository().findById(ada.id())).contains(ada);
    assertThat(repository().findByEmail(Email.parse("ADA@example.com"))).contains(ada);
  }

  @Test
  void refusesASecondAccountForTheSameEmailInAnyCase() {
    assertThat(repository().addIfEmailFree(user("grace@example.com"))).isTrue();
    assertThat(repository().addIfEmailFree(user("Grace@Example.COM"))).isFalse();
  }

  @Test
  void findsNothingForUnknownIds() {
    assertThat(repository().findById(new UserId(UUID.randomUUID()))).isEmpty();
    assertThat(repository().findByEmail(Email.parse("nobody@example.com"))).isEmpty();
  }
}
