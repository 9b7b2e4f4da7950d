package orderpay.domain.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import orderpay.domain.order.OrderHistory.MinuteCount;
import orderpay.domain.order.OrderThroughput.Minute;
import orderpay.domain.shared.DomainException;
import orderpay.domain.user.Reader;
import orderpay.domain.user.UserId;
import org.junit.jupiter.api.Test;

/** Orders per minute: every minute of the window, oldest first, each transition in its minute. */
class OrderThroughputTest {
  private static final Instant NOW = Instant.parse("2026-05-01T09:14:37.250Z");

  private static Instant at(String time) {
    return Instant.parse("2026-05-01T" + time + "Z");
  }

  @Test
  void theWindowEndsWithTheCurrentMinuteAndQuietMinutesAreZeros() {
    var minutes = OrderThroughput.bucket(NOW, 15, List.of());

    assertThat(minutes).hasSize(15);
    assertThat(minutes.getFirst()).isEqualTo(new Minute(at("09:00:00"), 0, 0, 0));
    assertThat(minutes.getLast()).isEqualTo(new Minute(at("09:14:00"), 0, 0, 0));
    assertThat(minutes)
        .extracting(Minute::start)
        .isSortedAccordingTo(Instant::compareTo)
        .doesNotHaveDuplicates();
  }

  @Test
  void countsLandInTheirMinuteByKind() {
    var minutes =
        OrderThroughput.bucket(
            NOW,
            15,
            List.of(
                new MinuteCount(at("09:14:00"), HistoryKind.CREATED, 2),
                new MinuteCount(at("09:14:00"), HistoryKind.PAID, 1),
                new MinuteCount(at("09:14:00"), HistoryKind.FAILED, 1),
                new MinuteCount(at("09:03:00"), HistoryKind.CREATED, 5),
                new MinuteCount(at("09:00:00"), HistoryKind.FAILED, 3)));

    assertThat(minutes.getLast()).isEqualTo(new Minute(at("09:14:00"), 2, 1, 1));
    assertThat(minutes.get(3)).isEqualTo(new Minute(at("09:03:00"), 5, 0, 0));
    assertThat(minutes.getFirst()).isEqualTo(new Minute(at("09:00:00"), 0, 0, 3));
    assertThat(minutes.stream().mapToLong(Minute::created).sum()).isEqualTo(7);
  }

  @Test
  void countsOutsideTheWindowAreLeftOut() {
    var minutes =
        OrderThroughput.bucket(
            NOW,
            15,
            List.of(
                new MinuteCount(at("08:59:00"), HistoryKind.CREATED, 4),
                new MinuteCount(at("09:15:00"), HistoryKind.PAID, 4)));

    assertThat(minutes).allSatisfy(m -> assertThat(m).isEqualTo(new Minute(m.start(), 0, 0, 0)));
  }

  @Test
  void aWindowStartsAtTheWholeMinuteItsLengthAgo() {
    assertThat(OrderThroughput.windowStart(NOW, 1)).isEqualTo(at("09:14:00"));
    assertThat(OrderThroughput.windowStart(NOW, 15)).isEqualTo(at("09:00:00"));
    assertThatThrownBy(() -> OrderThroughput.windowStart(NOW, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anAdminReadsTheTransitionsTheHistoriesRecordedPerMinute() {
    var f = new OrderFixture();
    var admin = Reader.of(new UserId(java.util.UUID.randomUUID()), true);
    f.clock.advance(Duration.ofSeconds(30)); // 09:00:30
    var failing = f.accepted();
    f.clock.advance(Duration.ofMinutes(1)); // 09:01:30
    f.paid();
    f.change(failing.id(), o -> o.markFailed("payment_failed", f.clock));

    var minutes = f.queries.throughput(15, admin);

    assertThat(minutes.getLast())
        .isEqualTo(new Minute(Instant.parse("2026-05-01T09:01:00Z"), 1, 1, 1));
    assertThat(minutes.get(13))
        .isEqualTo(new Minute(Instant.parse("2026-05-01T09:00:00Z"), 1, 0, 0));
    assertThatThrownBy(() -> f.queries.throughput(15, Reader.of(f.customer, false)))
        .isInstanceOf(DomainException.class);
  }
}
