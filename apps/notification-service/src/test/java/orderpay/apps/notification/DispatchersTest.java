package orderpay.apps.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DispatchersTest {
  private final AtomicInteger claims = new AtomicInteger();
  private int waiting;

  private final Dispatchers dispatchers =
      new Dispatchers(
          4,
          () -> {
            claims.incrementAndGet();
            int batch = Math.min(waiting, Dispatchers.BATCH);
            waiting -= batch;
            return batch;
          });

  @Test
  void idleHelpersDoNotTouchTheDatabase() {
    assertThat(dispatchers.poll()).isZero();
    for (int i = 0; i < 10; i++) {
      assertThat(dispatchers.help()).isZero();
    }
    assertThat(claims).hasValue(1);
  }

  @Test
  void aFullBatchCallsTheOtherThreeInUntilTheBacklogIsGone() {
    waiting = 53;
    assertThat(dispatchers.poll()).isEqualTo(10); // full: help is called for
    assertThat(dispatchers.help()).isEqualTo(10); // each full batch keeps the call open
    assertThat(dispatchers.help()).isEqualTo(10);
    assertThat(dispatchers.help()).isEqualTo(10);
    assertThat(dispatchers.help()).isEqualTo(10);
    assertThat(dispatchers.help()).isEqualTo(3); // the rest: not full, nobody else is called
    assertThat(dispatchers.help()).isEqualTo(0); // the permits still out: one empty look each
    assertThat(dispatchers.help()).isEqualTo(0);
    int before = claims.get();
    for (int i = 0; i < 10; i++) {
      dispatchers.help();
    }
    assertThat(claims.get() - before).as("no more claims once the permits are used up").isZero();
  }

  @Test
  void aBacklogOfThirtyIsSpreadOverThreeSendersNotLeftToOne() {
    // each dispatcher sends what it claimed over its one SMTP connection, one message at a time
    waiting = 30;
    assertThat(dispatchers.poll()).isEqualTo(10);
    assertThat(dispatchers.help()).isEqualTo(10);
    assertThat(dispatchers.help()).isEqualTo(10);
  }
}
