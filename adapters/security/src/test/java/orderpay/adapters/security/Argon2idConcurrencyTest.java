package orderpay.adapters.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import orderpay.domain.shared.DomainException;
import orderpay.domain.shared.ErrorKind;
import orderpay.domain.testing.Eventually;
import org.junit.jupiter.api.Test;

class Argon2idConcurrencyTest {

  /** A derivation that stays in flight until released, counting how many overlap. */
  private static final class HeldDerivation implements Argon2idPasswordHasher.KeyDerivation {
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger peak = new AtomicInteger();
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public byte[] derive(String password, byte[] salt, int m, int t, int p, int length) {
      peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        inFlight.decrementAndGet();
      }
      return new byte[length];
    }
  }

  @Test
  void neverRunsMoreThanTheBoundAtOnce() throws Exception {
    int bound = 3;
    int callers = 12;
    var derivation = new HeldDerivation();
    var hasher = new Argon2idPasswordHasher(1024, 1, 1, bound, Duration.ofSeconds(30), derivation);
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        calls.add(pool.submit(() -> hasher.hash("password")));
      }
      Eventually.await(
          () -> derivation.inFlight.get() == bound && hasher.waiting() == callers - bound);
      assertThat(derivation.inFlight.get()).isEqualTo(bound);

      derivation.release.countDown();
      for (Future<?> call : calls) {
        call.get(30, TimeUnit.SECONDS);
      }
      assertThat(derivation.peak.get()).isEqualTo(bound);
    } finally {
      derivation.release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void aHashThatWaitsTooLongIsRefusedAsUnavailable() throws Exception {
    var derivation = new HeldDerivation();
    var hasher = new Argon2idPasswordHasher(1024, 1, 1, 1, Duration.ofMillis(100), derivation);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> holder = pool.submit(() -> hasher.hash("first"));
      Eventually.await(() -> derivation.inFlight.get() == 1);

      assertThatThrownBy(() -> hasher.matches("second", hasher.hash("x")))
          .isInstanceOfSatisfying(
              DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));

      derivation.release.countDown();
      holder.get(30, TimeUnit.SECONDS);
      assertThat(hasher.hash("after")).isNotNull();
    } finally {
      derivation.release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void realHashesUnderTheBoundStillVerify() throws Exception {
    var hasher = new Argon2idPasswordHasher(1024, 1, 1, 2, Duration.ofSeconds(30));
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<Boolean>> calls = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        String password = "password-" + i;
        calls.add(pool.submit(() -> hasher.matches(password, hasher.hash(password))));
      }
      for (Future<Boolean> call : calls) {
        assertThat(call.get(30, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
