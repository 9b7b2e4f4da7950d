package orderpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeriodicJobWakeupTest {
  private static final Duration HOUR = Duration.ofHours(1);

  @Test
  void aWakeupStartsARoundAtOnceInsteadOfAtTheNextPoll() throws Exception {
    var wakeup = new Wakeup();
    var ran = new CountDownLatch(1);
    try (var job =
        PeriodicJob.draining(
            "wake-test",
            HOUR,
            () -> {
              ran.countDown();
              return 0;
            },
            10,
            wakeup)) {
      wakeup.run();
      assertThat(ran.await(10, TimeUnit.SECONDS)).as("a round long before the hour").isTrue();
    }
  }

  @Test
  void wakeupsWhileARoundRunsMakeOneMoreRoundNotOnePerWakeup() throws Exception {
    var wakeup = new Wakeup();
    var rounds = new AtomicInteger();
    var inFirstRound = new CountDownLatch(1);
    var finishFirst = new Semaphore(0);
    var secondRound = new CountDownLatch(1);
    try (var job =
        PeriodicJob.draining(
            "wake-coalesce-test",
            HOUR,
            () -> {
              if (rounds.incrementAndGet() == 1) {
                inFirstRound.countDown();
                finishFirst.acquireUninterruptibly();
              } else {
                secondRound.countDown();
              }
              return 0;
            },
            10,
            wakeup)) {
      wakeup.run();
      assertThat(inFirstRound.await(10, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < 5; i++) {
        wakeup.run(); // work made during the round
      }
      finishFirst.release();
      assertThat(secondRound.await(10, TimeUnit.SECONDS)).as("the work is not left").isTrue();
      // the five wake-ups came while one round was pending: one round for them all
      var idle = new CountDownLatch(1);
      job.afterQueuedRounds(idle::countDown);
      assertThat(idle.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(rounds.get()).isEqualTo(2);
    }
  }

  @Test
  void aStoppedJobIgnoresWakeups() {
    var wakeup = new Wakeup();
    var rounds = new AtomicInteger();
    var job = PeriodicJob.draining("wake-stop-test", HOUR, rounds::incrementAndGet, 10, wakeup);
    job.close();
    wakeup.run();
    assertThat(rounds.get()).isZero();
  }
}
