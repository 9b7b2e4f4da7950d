package orderpay.adapters.postgres.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import orderpay.adapters.postgres.Database;
import orderpay.adapters.postgres.PostgresTestDatabase;
import orderpay.adapters.postgres.UuidV7Generator;
import orderpay.domain.shared.DomainException;
import orderpay.domain.testing.FakePasswordHasher;
import orderpay.domain.testing.FakeTokenIssuer;
import orderpay.domain.testing.RecordingEvents;
import orderpay.domain.user.AuthenticateUser;
import orderpay.domain.user.CredentialPolicy;
import orderpay.domain.user.LoginTokens;
import orderpay.domain.user.RefreshAccessToken;
import orderpay.domain.user.RefreshTokens;
import orderpay.domain.user.RegisterUser;
import orderpay.domain.user.TokenPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rotation against the real database, including two refreshes racing with one token. */
class RefreshTokenRotationTest {
  private static Database database;
  private static RegisterUser register;
  private static AuthenticateUser authenticate;
  private static RefreshAccessToken refresh;

  @BeforeAll
  static void wire() {
    database = PostgresTestDatabase.open(RefreshTokenRotationTest.class, "user");
    var clock = Clock.systemUTC();
    var ids = new UuidV7Generator(clock);
    var users = new JdbiUserRepository(database.transactions());
    var store = new JdbiRefreshTokenStore(database.transactions());
    var hasher = new FakePasswordHasher();
    var policy = new CredentialPolicy();
    var refreshTokens = new RefreshTokens(store, ids, clock, Duration.ofDays(1));
    register =
        new RegisterUser(
            users, hasher, policy, database.transactions(), new RecordingEvents(), ids, clock);
    authenticate =
        new AuthenticateUser(
            users,
            hasher,
            policy,
            new LoginTokens(new FakeTokenIssuer(), refreshTokens, database.transactions()));
    refresh =
        new RefreshAccessToken(
            store, refreshTokens, users, new FakeTokenIssuer(), database.transactions(), clock);
  }

  @AfterAll
  static void close() {
    database.close();
  }

  private TokenPair login(String email) {
    register.register(new RegisterUser.Command(email, "correct horse", "Racer"));
    return authenticate.authenticate(new AuthenticateUser.Command(email, "correct horse"));
  }

  @Test
  void concurrentRefreshesOfOneTokenRotateItOnce() throws Exception {
    TokenPair pair = login("racer@example.com");
    int attempts = 8;
    var successes = 0;
    try (var pool = Executors.newFixedThreadPool(attempts)) {
      var results = new ArrayList<Future<Boolean>>();
      Callable<Boolean> attempt =
          () -> {
            try {
              refresh.refresh(pair.refreshToken());
              return true;
            } catch (DomainException refused) {
              return false;
            }
          };
      for (int i = 0; i < attempts; i++) {
        results.add(pool.submit(attempt));
      }
      for (var result : results) {
        successes += result.get() ? 1 : 0;
      }
    }
    assertThat(successes).isEqualTo(1);
  }

  @Test
  void replayingASpentTokenRevokesTheFamilyDurably() {
    TokenPair first = login("replay@example.com");
    TokenPair second = refresh.refresh(first.refreshToken());
    try {
      refresh.refresh(first.refreshToken());
    } catch (DomainException expected) {
      // the refusal must not roll back the revocation
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> refresh.refresh(second.refreshToken()))
        .isInstanceOf(DomainException.class);
  }
}
