package orderpay.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import orderpay.domain.testing.MutableClock;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");

  @Test
  void tracksNoMoreAccountsThanItsBound() {
    var throttle = new LoginThrottle(5, Duration.ofMinutes(1), clock, 50);
    for (int i = 0; i < 1_000; i++) {
      throttle.attempt("user" + i + "@example.com");
    }
    assertThat(throttle.trackedAccounts()).isEqualTo(50);
  }

  @Test
  void aBlockedAccountStaysBlockedWhileOthersAreSprayed() {
    var throttle = new LoginThrottle(2, Duration.ofMinutes(1), clock, 10);
    throttle.attempt("victim@example.com");
    throttle.attempt("victim@example.com");
    assertBlocked(throttle, "victim@example.com");

    for (int i = 0; i < 500; i++) {
      throttle.attempt("spray" + i + "@example.com");
    }

    assertThat(throttle.trackedAccounts()).isEqualTo(10);
    assertBlocked(throttle, "Victim@Example.com ");
  }

  @Test
  void anAccountInUseKeepsItsCountWhileIdleOnesAreForgotten() {
    var throttle = new LoginThrottle(4, Duration.ofMinutes(1), clock, 3);
    throttle.attempt("active@example.com");
    throttle.attempt("active@example.com");
    throttle.attempt("idle1@example.com");
    throttle.attempt("idle2@example.com");
    throttle.attempt("active@example.com");
    // full: the next two newcomers push out the idle accounts, not the one in use
    throttle.attempt("new1@example.com");
    throttle.attempt("new2@example.com");
    throttle.attempt("active@example.com");

    assertBlocked(throttle, "active@example.com");
  }

  @Test
  void aBlockExpiresWithItsWindow() {
    var throttle = new LoginThrottle(1, Duration.ofMinutes(1), clock, 2);
    throttle.attempt("a@example.com");
    assertBlocked(throttle, "a@example.com");
    clock.advance(Duration.ofMinutes(1));
    assertThatCode(() -> throttle.attempt("a@example.com")).doesNotThrowAnyException();
  }

  private static void assertBlocked(LoginThrottle throttle, String email) {
    assertThatThrownBy(() -> throttle.attempt(email))
        .isInstanceOfSatisfying(
            ApiError.class,
            e -> {
              assertThat(e.status()).isEqualTo(429);
              assertThat(e.code()).isEqualTo("rate_limited");
              assertThat(e.details()).containsKey("retry_after_seconds");
            });
  }
}
