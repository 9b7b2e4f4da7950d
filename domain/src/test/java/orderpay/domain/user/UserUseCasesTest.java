package orderpay.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;
import orderpay.domain.testing.FakePasswordHasher;
import orderpay.domain.testing.FakeTokenIssuer;
import orderpay.domain.testing.ImmediateTransactions;
import orderpay.domain.testing.InMemoryRefreshTokenStore;
import orderpay.domain.testing.InMemoryUserRepository;
import orderpay.domain.testing.MutableClock;
import orderpay.domain.testing.RecordingEvents;
import orderpay.domain.testing.SequentialIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserUseCasesTest {
  private final MutableClock clock = MutableClock.startingAt("2026-01-01T10:00:00Z");
  private final InMemoryUserRepository users = new InMemoryUserRepository();
  private final InMemoryRefreshTokenStore tokens = new InMemoryRefreshTokenStore();
  private final FakePasswordHasher hasher = new FakePasswordHasher();
  private final RecordingEvents events = new RecordingEvents();
  private final ImmediateTransactions tx = new ImmediateTransactions();
  private final SequentialIds ids = new SequentialIds();
  private final CredentialPolicy policy = new CredentialPolicy();
  private final RefreshTokens refreshTokens =
      new RefreshTokens(tokens, ids, clock, Duration.ofDays(30));
  private final RegisterUser register =
      new RegisterUser(users, hasher, policy, tx, events, ids, clock);
  private final AuthenticateUser authenticate =
      new AuthenticateUser(
          users, hasher, policy, new LoginTokens(new FakeTokenIssuer(), refreshTokens, tx));
  private final RefreshAccessToken refresh =
      new RefreshAccessToken(tokens, refreshTokens, users, new FakeTokenIssuer(), tx, clock);
  private final GetUser getUser = new GetUser(users);

  private User signUp(String email) {
    return register.register(new RegisterUser.Command(email, "correct horse", "Ada Lovelace"));
  }

  @Test
  void aLoginTheDatabaseCannotAnswerIsUnavailableNotWrongCredentials() {
    signUp("ada@example.com");
    UserRepository away =
        (UserRepository)
            java.lang.reflect.Proxy.newProxyInstance(
                UserRepository.class.getClassLoader(),
                new Class<?>[] {UserRepository.class},
                (proxy, method, args) -> {
                  throw new DomainException(ErrorKind.UNAVAILABLE, "unavailable", "try again");
                });
    var login =
        new AuthenticateUser(
            away, hasher, policy, new LoginTokens(new FakeTokenIssuer(), refreshTokens, tx));
    // a 401 here would sign the customer out during a database outage
    assertThatThrownBy(
            () ->
                login.authenticate(
                    new AuthenticateUser.Command("ada@example.com", "correct horse")))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
  }

  @Test
  void registeringStoresANormalisedCustomerAndAnnouncesIt() {
    User ada = signUp("  Ada@Example.com ");
    assertThat(ada.email().value()).isEqualTo("ada@example.com");
    assertThat(ada.role()).isEqualTo(Role.CUSTOMER);
    assertThat(ada.passwordHash().encoded()).doesNotContain("correct horse");
    assertThat(events.published)
        .singleElement()
        .isEqualTo(new UserRegistered(ada.id(), ada.email(), "Ada Lovelace", ada.createdAt()));
  }

  @Test
  void aSecondSignUpWithTheSameEmailInAnyCaseIsEmailTaken() {
    signUp("ada@example.com");
    assertThatThrownBy(() -> signUp("ADA@EXAMPLE.COM"))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT);
              assertThat(e.reason()).isEqualTo("email_taken");
            });
    assertThat(events.published).hasSize(1);
  }

  @Test
  void anAccountIsReadByItsHolderAnAdminOrAServiceActingForNoCustomer() {
    User ada = signUp("ada@example.com");
    var holder = Reader.of(ada.id(), false);
    var admin = Reader.of(new UserId(UUID.randomUUID()), true);

    assertThat(getUser.get(ada.id(), holder)).isEqualTo(ada);
    assertThat(getUser.get(ada.id(), admin)).isEqualTo(ada);
    // the notification service addressing an order's buyer
    assertThat(getUser.get(ada.id(), Reader.forNoCustomer())).isEqualTo(ada);
  }

  @Test
  void anAdminFindsAnAccountByItsEmailInAnyCaseAndAnotherCustomerDoesNot() {
    User ada = signUp("ada@example.com");
    User bob = signUp("bob@example.com");
    var admin = Reader.of(new UserId(UUID.randomUUID()), true);

    assertThat(getUser.byEmail(Email.parse("ADA@example.com"), admin)).isEqualTo(ada);
    assertThat(getUser.byEmail(Email.parse("ada@example.com"), Reader.of(ada.id(), false)))
        .isEqualTo(ada);
    for (var notFound :
        List.<Runnable>of(
            () -> getUser.byEmail(Email.parse("ada@example.com"), Reader.of(bob.id(), false)),
            () -> getUser.byEmail(Email.parse("nobody@example.com"), admin),
            () -> getUser.byEmail(Email.parse("ada@example.com"), Reader.forNoCustomer()))) {
      assertThatThrownBy(notFound::run)
          .isInstanceOfSatisfying(
              DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
    }
  }

  @Test
  void toAnotherCustomerAnAccountIsNotFoundJustAsOneThatDoesNotExist() {
    User ada = signUp("ada@example.com");
    User bob = signUp("bob@example.com");

    assertThatThrownBy(() -> getUser.get(ada.id(), Reader.of(bob.id(), false)))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
              assertThat(e.reason()).isEqualTo("not_found");
              assertThat(e).hasMessage("user not found");
              assertThat(e.details()).isEqualTo(Map.of("id", ada.id().toString()));
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "plain",
        "a@b",
        "a b@example.com",
        "x@-bad-.com",
        "'; DROP TABLE users;--@x.io"
      })
  void malformedEmailsAreRefusedBeforeHashing(String email) {
    int hashesBefore = hasher.hashed;
    assertThatThrownBy(() -> signUp(email))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
    assertThat(hasher.hashed).isEqualTo(hashesBefore);
  }

  @Test
  void shortLongOrMissingPasswordsAreRefused() {
    for (String password : new String[] {null, "", "1234567", "x".repeat(257)}) {
      assertThatThrownBy(
              () -> register.register(new RegisterUser.Command("a@example.com", password, "A")))
          .isInstanceOf(DomainException.class)
          .hasMessageContaining("password");
    }
    assertThat(users.findByEmail(Email.parse("a@example.com"))).isEmpty();
  }

  @Test
  void theCommandNeverPrintsThePassword() {
    assertThat(new RegisterUser.Command("a@example.com", "s3cret-pass", "A").toString())
        .doesNotContain("s3cret-pass");
    assertThat(new AuthenticateUser.Command("a@example.com", "s3cret-pass").toString())
        .doesNotContain("s3cret-pass");
  }

  @Test
  void authenticationIssuesAnAccessAndARefreshToken() {
    User ada = signUp("ada@example.com");
    TokenPair pair =
        authenticate.authenticate(new AuthenticateUser.Command("ADA@example.com", "correct horse"));
    assertThat(pair.accessToken().value()).isEqualTo("token-for-" + ada.id() + "-CUSTOMER");
    assertThat(pair.refreshToken()).hasSizeGreaterThan(40);
    assertThat(tokens.findByHash(RefreshTokens.hash(pair.refreshToken()))).isPresent();
  }

  @Test
  void wrongPasswordAndUnknownEmailAreTheSameRefusal() {
    signUp("ada@example.com");
    var wrong = catchRefusal(new AuthenticateUser.Command("ada@example.com", "wrong horse"));
    var unknown = catchRefusal(new AuthenticateUser.Command("bob@example.com", "correct horse"));
    var malformed = catchRefusal(new AuthenticateUser.Command("not-an-email", "correct horse"));
    assertThat(wrong.getMessage())
        .isEqualTo(unknown.getMessage())
        .isEqualTo(malformed.getMessage());
    assertThat(wrong.kind()).isEqualTo(ErrorKind.UNAUTHENTICATED);
  }

  private DomainException catchRefusal(AuthenticateUser.Command command) {
    try {
      authenticate.authenticate(command);
    } catch (DomainException e) {
      return e;
    }
    throw new AssertionError("authentication should have been refused");
  }

  @Test
  void aRefreshTokenRotatesAndCannotBeUsedTwice() {
    signUp("ada@example.com");
    TokenPair first =
        authenticate.authenticate(new AuthenticateUser.Command("ada@example.com", "correct horse"));
    TokenPair second = refresh.refresh(first.refreshToken());
    assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());

    assertThatThrownBy(() -> refresh.refresh(first.refreshToken()))
        .hasMessageContaining("already used");
    // reuse revoked the family: the rotated token is dead too
    assertThatThrownBy(() -> refresh.refresh(second.refreshToken()))
        .isInstanceOf(DomainException.class);
  }

  @Test
  void anExpiredOrUnknownRefreshTokenIsRefused() {
    signUp("ada@example.com");
    TokenPair pair =
        authenticate.authenticate(new AuthenticateUser.Command("ada@example.com", "correct horse"));
    assertThatThrownBy(() -> refresh.refresh("made-up")).isInstanceOf(DomainException.class);
    clock.advance(Duration.ofDays(31));
    assertThatThrownBy(() -> refresh.refresh(pair.refreshToken())).hasMessageContaining("expired");
  }

  @Test
  void theAdminAccountIsCreatedOnce() {
    var ensure = new EnsureAdminAccount(users, register);
    assertThat(ensure.ensure("admin@example.com", "admin-password"))
        .get()
        .extracting(User::role)
        .isEqualTo(Role.ADMIN);
    assertThat(ensure.ensure("admin@example.com", "admin-password")).isEmpty();
  }
}
